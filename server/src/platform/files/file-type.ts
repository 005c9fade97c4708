// What a file really is, read from its first bytes, compared with what its name says. A template named
// "to-khai.docx" that is in fact a PDF (or an executable) is refused before it reaches a citizen; so is a scanned
// component that is not the image or PDF it claims to be.

export const FILE_TYPES = {
  pdf: { mime: 'application/pdf', label: 'PDF' },
  doc: { mime: 'application/msword', label: 'Word 97–2003' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word' },
  xls: { mime: 'application/vnd.ms-excel', label: 'Excel 97–2003' },
  xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel' },
  jpg: { mime: 'image/jpeg', label: 'JPEG' },
  png: { mime: 'image/png', label: 'PNG' },
} as const;
export type FileType = keyof typeof FILE_TYPES;
export const isFileType = (ext: string): ext is FileType => Object.hasOwn(FILE_TYPES, ext);

const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // PK\x03\x04: OOXML packages
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // compound file: .doc, .xls
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Names inside an OOXML package's zip directory are stored uncompressed, so a byte search finds them. */
const holdsEntry = (bytes: Uint8Array, prefix: string) => Buffer.from(bytes).includes(prefix, 0, 'latin1');

/** The type the bytes show, as precisely as their signature allows; OLE files are told apart by name only. */
export function sniffFileType(bytes: Uint8Array): FileType | 'ole' | null {
  if (startsWith(bytes, PDF)) return 'pdf';
  if (startsWith(bytes, PNG)) return 'png';
  if (startsWith(bytes, JPEG)) return 'jpg';
  if (startsWith(bytes, OLE)) return 'ole';
  if (startsWith(bytes, ZIP)) {
    if (holdsEntry(bytes, 'word/')) return 'docx';
    if (holdsEntry(bytes, 'xl/')) return 'xlsx';
  }
  return null;
}

export function extensionOf(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  const ext = m ? m[1]!.toLowerCase() : '';
  return ext === 'jpeg' ? 'jpg' : ext;
}

export type FileCheck = { ok: true; type: FileType; mime: string } | { ok: false; message: string };

/**
 * Checks a file: an extension among `allowed`, and bytes that are what that extension says. `what` names the file
 * in the message ("Tệp mẫu", "Thành phần hồ sơ").
 */
export function checkFile(what: string, fileName: string, bytes: Uint8Array, allowed: readonly FileType[]): FileCheck {
  const ext = extensionOf(fileName);
  if (!isFileType(ext) || !allowed.includes(ext)) {
    const list = allowed.map((t) => `.${t}`).join(', ');
    return { ok: false, message: `${what} "${fileName}" phải có phần mở rộng ${list}.` };
  }
  if (bytes.length === 0) return { ok: false, message: `${what} "${fileName}" không có nội dung.` };
  const found = sniffFileType(bytes);
  const matches = found === ext || (found === 'ole' && (ext === 'doc' || ext === 'xls'));
  if (!matches) {
    return {
      ok: false,
      message: `Nội dung ${what.toLowerCase()} "${fileName}" không phải là tệp ${FILE_TYPES[ext].label} như tên tệp cho biết.`,
    };
  }
  return { ok: true, type: ext, mime: FILE_TYPES[ext].mime };
}

/** The content type a file name announces, or null for an extension outside FILE_TYPES. */
export function mimeOfName(fileName: string): string | null {
  const ext = extensionOf(fileName);
  return isFileType(ext) ? FILE_TYPES[ext].mime : null;
}
