import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parentAgencyCode, parseAgencyCode } from './agency-code.ts';

describe('QCVN 102:2016 agency identifiers (DOMAIN.md §2)', () => {
  it('reads the example of DOMAIN.md: 000.00.00.H20 is a level-1 unit', () => {
    expect(parseAgencyCode('000.00.00.H20')).toEqual({
      level1: 'H20',
      level2: '00',
      level3: '00',
      level4: '000',
      depth: 1,
    });
  });

  it.each([
    ['000.00.01.H05', 2, '000.00.00.H05'],
    ['000.03.11.H05', 3, '000.00.11.H05'],
    ['012.03.11.H05', 4, '000.03.11.H05'],
    ['000.00.00.G01', 1, null],
  ])('%s has depth %i and parent %s', (id, depth, parent) => {
    const code = parseAgencyCode(id);
    expect(code?.depth).toBe(depth);
    expect(code && parentAgencyCode(code)).toBe(parent);
  });

  it.each([
    '000.00.00.h05', // lower-case unit letter
    '00.00.00.H05', // 12 characters
    '000.00.00.H5',
    '000-00-00-H05',
    '000.05.00.H05', // level 3 set while level 2 is empty
    '001.00.00.H05',
    ' 000.00.00.H05',
  ])('refuses %s', (id) => {
    expect(parseAgencyCode(id)).toBeNull();
  });

  it('every valid identifier is 13 characters and its parent is valid and one level up', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    fc.assert(
      fc.property(digits(3), digits(2), digits(2), fc.constantFrom('H05', 'H12', 'G09'), (l4, l3, l2, l1) => {
        const id = `${l4}.${l3}.${l2}.${l1}`;
        const code = parseAgencyCode(id);
        if (!code) return;
        expect(id).toHaveLength(13);
        const parent = parentAgencyCode(code);
        if (parent === null) expect(code.depth).toBe(1);
        else expect(parseAgencyCode(parent)?.depth).toBe(code.depth - 1);
      }),
    );
  });
});
