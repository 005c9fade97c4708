// Form templates (mẫu đơn, tờ khai) are documents an applicant fills in: no images.
import { checkFile, type FileCheck, type FileType } from '../../platform/files/file-type.ts';

export const TEMPLATE_TYPES: readonly FileType[] = ['pdf', 'doc', 'docx', 'xls', 'xlsx'];

export const checkTemplate = (fileName: string, bytes: Uint8Array): FileCheck =>
  checkFile('Tệp mẫu', fileName, bytes, TEMPLATE_TYPES);
