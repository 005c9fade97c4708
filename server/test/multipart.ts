// A multipart/form-data body as a browser sends it: text fields and files, in order.
export type Part = { name: string; value: string } | { name: string; file: Buffer; filename: string; type?: string };

export function multipart(parts: Part[]) {
  const boundary = `----congso${Date.now()}`;
  const chunks = parts.flatMap((p) => {
    const head =
      'file' in p
        ? `Content-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.type ?? 'application/octet-stream'}\r\n`
        : `Content-Disposition: form-data; name="${p.name}"\r\n`;
    return [
      Buffer.from(`--${boundary}\r\n${head}\r\n`),
      'file' in p ? p.file : Buffer.from(p.value),
      Buffer.from('\r\n'),
    ];
  });
  return {
    payload: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
