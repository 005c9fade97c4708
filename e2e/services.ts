// What the app under test talks to besides its database, started by the global setup: a real SMTP server on
// loopback that writes every message it receives to a folder (the tests read verification codes there), and a
// test PKI whose root the app trusts (TRUST_ANCHORS_DIR), with a PKCS#12 file for the leader who signs results.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';
import { encodePng } from '../server/src/modules/signing/png.ts';
import { decodeMail } from '../server/test/mail-decode.ts';

export interface MailSink {
  url: string;
  dir: string;
  close(): Promise<void>;
}

export interface Mail {
  to: string[];
  subject: string;
  text: string;
}

/** An SMTP server that accepts anything and keeps each message as `<dir>/<n>.json`. */
export async function startMailSink(dir: string): Promise<MailSink> {
  await mkdir(dir, { recursive: true });
  let count = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const mail: Mail = {
          to: session.envelope.rcptTo.map((r) => r.address),
          ...decodeMail(Buffer.concat(chunks).toString('utf8')),
        };
        writeFileSync(join(dir, `${String(++count).padStart(4, '0')}.json`), JSON.stringify(mail));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The messages the sink has received for `address`, oldest first. */
export async function mailsTo(dir: string, address: string): Promise<Mail[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const mails = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(dir, f), 'utf8')) as Mail));
  return mails.filter((m) => m.to.includes(address));
}

export interface SigningKit {
  /** Holds only the test root: the app's TRUST_ANCHORS_DIR. */
  anchorsDir: string;
  /** A leader's PKCS#12 (a certificate issued by the test root), its password, and a handwritten signature. */
  leaderP12: string;
  leaderPassword: string;
  signatureImage: string;
}

/**
 * A root CA and a signer's certificate made by openssl, as a certification authority issues them (digital
 * signature and non-repudiation, RSA 2048), packed in PKCS#12 the way a signer receives it.
 */
export async function makeSigningKit(dir: string): Promise<SigningKit> {
  const anchorsDir = join(dir, 'anchors');
  await mkdir(anchorsDir, { recursive: true });
  const at = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl(
    ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-utf8'],
    ...['-keyout', at('root.key'), '-out', join(anchorsDir, 'root.pem')],
    ...['-subj', '/CN=Congso E2E Root CA/O=Congso Test/C=VN'],
    ...['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
  );
  openssl(
    ...['req', '-newkey', 'rsa:2048', '-nodes', '-utf8', '-keyout', at('leader.key'), '-out', at('leader.csr')],
    ...['-subj', '/CN=Quách Văn Tài/O=Ủy ban nhân dân Phường 1/C=VN'],
  );
  writeFileSync(
    at('leader.ext'),
    'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n',
  );
  openssl(
    ...['x509', '-req', '-in', at('leader.csr'), '-CA', join(anchorsDir, 'root.pem'), '-CAkey', at('root.key')],
    ...['-CAcreateserial', '-days', '30', '-extfile', at('leader.ext'), '-out', at('leader.pem')],
  );
  const password = 'mật-khẩu-khóa-ký';
  openssl(
    ...['pkcs12', '-export', '-inkey', at('leader.key'), '-in', at('leader.pem')],
    ...['-certfile', join(anchorsDir, 'root.pem'), '-passout', `pass:${password}`, '-out', at('leader.p12')],
  );
  writeFileSync(at('signature.png'), handwriting());
  return { anchorsDir, leaderP12: at('leader.p12'), leaderPassword: password, signatureImage: at('signature.png') };
}

/** A blue stroke on a transparent background: enough of a handwritten signature for the appearance. */
function handwriting(): Buffer {
  const [w, h] = [400, 160];
  const rgba = new Uint8Array(w * h * 4);
  for (let x = 20; x < w - 20; x++) {
    const y = Math.round(h / 2 + 40 * Math.sin(x / 23) * Math.exp(-x / 300));
    for (let dy = -3; dy <= 3; dy++) rgba.set([20, 40, 170, 255], ((y + dy) * w + x) * 4);
  }
  return encodePng(w, h, rgba);
}
