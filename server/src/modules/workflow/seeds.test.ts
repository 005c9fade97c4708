import { describe, expect, it } from 'vitest';
import { MACRO_STATUSES, validateDefinition } from './definition.ts';
import { SEEDED_WORKFLOWS } from './seeds.ts';
import { DEFAULT_NATIONAL_STATUSES, MACRO_STATUS_NAMES } from './statuses.ts';

describe('seeded workflows', () => {
  it.each(SEEDED_WORKFLOWS.map((def) => [def.code, def] as const))('%s is a valid definition', (_code, def) => {
    expect(validateDefinition(def)).toEqual([]);
  });

  it('have distinct codes, all at version 1', () => {
    expect(new Set(SEEDED_WORKFLOWS.map((d) => d.code)).size).toBe(SEEDED_WORKFLOWS.length);
    expect(SEEDED_WORKFLOWS.every((d) => d.version === 1)).toBe(true);
  });

  it('survive a JSON round trip unchanged (they are plain data, storable as they are)', () => {
    for (const def of SEEDED_WORKFLOWS) expect(JSON.parse(JSON.stringify(def))).toEqual(def);
  });
});

describe('statuses', () => {
  it('every macro-status has a Vietnamese name and an entry in the national mapping', () => {
    for (const status of MACRO_STATUSES) {
      expect(MACRO_STATUS_NAMES[status]).toBeTruthy();
      expect(status in DEFAULT_NATIONAL_STATUSES).toBe(true);
    }
  });

  it('no national code is marked confirmed while DOMAIN.md has no code list', () => {
    expect(Object.values(DEFAULT_NATIONAL_STATUSES).some((s) => s?.confirmed)).toBe(false);
  });
});
