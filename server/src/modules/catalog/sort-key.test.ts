import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareVietnamese, vietnameseSortKey } from './sort-key.ts';

const sorted = (words: string[]) => [...words].sort(compareVietnamese);
const shuffled = (words: string[]) => [...words].reverse();

describe('Vietnamese sort key', () => {
  it('orders the letters of the Vietnamese alphabet: a < ă < â < b … d < đ < e < ê … o < ô < ơ … u < ư', () => {
    const alphabet = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ'];
    const rest = ['p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'x', 'y'];
    expect(sorted(shuffled([...alphabet, ...rest]))).toEqual([...alphabet, ...rest]);
  });

  it('breaks ties by tone in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng', () => {
    expect(sorted(['ạ', 'á', 'ã', 'ả', 'à', 'a'])).toEqual(['a', 'à', 'ả', 'ã', 'á', 'ạ']);
    // the letter decides before the tone does: ạ (a) < ă
    expect(sorted(['ă', 'ạ'])).toEqual(['ạ', 'ă']);
    expect(sorted(['mạ', 'mà', 'mả', 'ma', 'má', 'mã'])).toEqual(['ma', 'mà', 'mả', 'mã', 'má', 'mạ']);
  });

  it('sorts procedure names: Đ after every D, a shorter name before its continuations', () => {
    const names = [
      'Đăng ký khai tử',
      'Đăng ký khai sinh có yếu tố nước ngoài',
      'Dịch vụ công',
      'Đăng ký khai sinh',
      'Cấp bản sao trích lục hộ tịch',
      'Chứng thực chữ ký',
      'Ây',
      'Âm',
    ];
    expect(sorted(names)).toEqual([
      'Âm',
      'Ây',
      'Cấp bản sao trích lục hộ tịch',
      'Chứng thực chữ ký',
      'Dịch vụ công',
      'Đăng ký khai sinh',
      'Đăng ký khai sinh có yếu tố nước ngoài',
      'Đăng ký khai tử',
    ]);
  });

  it('treats spaces and punctuation as one word break, ahead of letters, and digits ahead of letters', () => {
    expect(vietnameseSortKey(' Cấp  giấy - phép.')).toBe(vietnameseSortKey('Cấp giấy phép'));
    expect(sorted(['ab', 'a b', 'a1'])).toEqual(['a b', 'a1', 'ab']);
  });

  it('is the same for composed and decomposed text, and puts lower case before upper case', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aăâđêôơưáàảãạấầẩẫậ ABĐ1-'.split('')) }), (s) => {
        expect(vietnameseSortKey(s.normalize('NFD'))).toBe(vietnameseSortKey(s.normalize('NFC')));
      }),
    );
    expect(sorted(['Đăng', 'đăng'])).toEqual(['đăng', 'Đăng']);
  });

  it('puts a name before every longer name that starts with it', () => {
    const syllable = fc.constantFrom('đăng', 'ký', 'khai', 'sinh', 'cấp', 'giấy', 'phép', 'xây', 'dựng', 'Hộ');
    fc.assert(
      fc.property(fc.array(syllable, { minLength: 1, maxLength: 5 }), fc.array(syllable, { minLength: 1 }), (a, b) => {
        expect(compareVietnamese(a.join(' '), [...a, ...b].join(' '))).toBe(-1);
      }),
    );
  });
});
