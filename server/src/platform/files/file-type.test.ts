import { describe, expect, it } from 'vitest';
import { checkFile, extensionOf, type FileType, sniffFileType } from './file-type.ts';

const DOCUMENTS: FileType[] = ['pdf', 'doc', 'docx', 'xls', 'xlsx'];
const checkTemplate = (name: string, content: Uint8Array) => checkFile('Tệp mẫu', name, content, DOCUMENTS);

const bytes = (...parts: (number[] | string)[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const PDF = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj');
const DOCX = bytes([0x50, 0x4b, 0x03, 0x04], '\x14\x00[Content_Types].xml....word/document.xml');
const XLSX = bytes([0x50, 0x4b, 0x03, 0x04], '\x14\x00[Content_Types].xml....xl/workbook.xml');
const OLE = bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], '\x00\x00');
const EXE = bytes('MZ\x90\x00\x03');

describe('files: the bytes must be what the name says', () => {
  it('recognises PDF, OOXML (Word, Excel) and OLE compound files by their signature', () => {
    expect(sniffFileType(PDF)).toBe('pdf');
    expect(sniffFileType(DOCX)).toBe('docx');
    expect(sniffFileType(XLSX)).toBe('xlsx');
    expect(sniffFileType(OLE)).toBe('ole');
    expect(sniffFileType(EXE)).toBeNull();
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpg');
  });

  it.each([
    ['to-khai.pdf', PDF, 'application/pdf'],
    ['To khai.DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['bang-ke.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['mau-cu.doc', OLE, 'application/msword'],
    ['mau-cu.xls', OLE, 'application/vnd.ms-excel'],
  ])('accepts %s', (name, content, mime) => {
    expect(checkTemplate(name, content)).toEqual({ ok: true, type: expect.any(String), mime });
  });

  it.each([
    ['to-khai.docx', PDF, 'không phải là tệp Word'],
    ['to-khai.pdf', DOCX, 'không phải là tệp PDF'],
    ['bang-ke.xlsx', DOCX, 'không phải là tệp Excel'],
    ['to-khai.pdf', EXE, 'không phải là tệp PDF'],
    ['to-khai.doc', PDF, 'không phải là tệp Word 97–2003'],
    ['to-khai.exe', EXE, 'phải có phần mở rộng'],
    ['anh.png', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), 'phải có phần mở rộng'],
    ['khong-duoi', PDF, 'phải có phần mở rộng'],
    ['rong.pdf', bytes(''), 'không có nội dung'],
  ])('refuses %s holding other bytes, naming the file', (name, content, message) => {
    const check = checkTemplate(name, content);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toContain(message);
    expect(!check.ok && check.message).toContain(name);
  });

  it('reads the extension case-insensitively, jpeg as jpg', () => {
    expect(extensionOf('A.B.PDF')).toBe('pdf');
    expect(extensionOf('photo.jpeg')).toBe('jpg');
    expect(extensionOf('noext')).toBe('');
  });
});
