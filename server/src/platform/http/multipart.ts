// Reading a multipart/form-data request: its text fields and the named file fields, each file in memory. A file
// over the size limit is a 413, anything but multipart a 415, a file field the route does not take a 400 naming it.
import type { FastifyRequest } from 'fastify';
import { invalidField, Problem } from './problem.ts';

export interface Form {
  fields: Map<string, string>;
  files: Map<string, { name: string; bytes: Buffer }>;
}

/** `maxBytes` overrides the server's default file size limit (VERIFY_MAX_BYTES) for this request. */
export async function readForm(
  request: FastifyRequest,
  fileFields: readonly string[],
  maxBytes?: number,
): Promise<Form> {
  if (!request.isMultipart()) {
    throw new Problem(415, 'unsupported-media-type', 'Cần gửi dữ liệu dạng multipart/form-data (kèm tệp).');
  }
  const form: Form = { fields: new Map(), files: new Map() };
  const unexpected: string[] = [];
  try {
    for await (const part of request.parts(maxBytes ? { limits: { fileSize: maxBytes } } : undefined)) {
      if (part.type !== 'file') form.fields.set(part.fieldname, String(part.value));
      else if (fileFields.includes(part.fieldname)) {
        form.files.set(part.fieldname, { name: part.filename, bytes: await part.toBuffer() });
      } else {
        unexpected.push(part.fieldname);
        part.file.resume();
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (/LIMIT|TOO_LARGE/.test(code)) {
      throw new Problem(
        413,
        'too-large',
        'Tệp gửi lên vượt quá dung lượng cho phép.',
        `${maxBytes ? maxBytes : 'VERIFY_MAX_BYTES'}: ${code}`,
      );
    }
    throw err;
  }
  if (unexpected.length) throw invalidField(unexpected[0]!, `Trường tệp "${unexpected[0]}" không được dùng ở đây.`);
  return form;
}
