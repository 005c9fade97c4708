// Demo signing keys, so that the demo's leaders sign results and the one-stop officer of Phường 1 certifies on the
// spot, and the seals of their agencies can be shown: a demo certification authority made at seed time (never a
// trust anchor: verification reports its signatures intact but not trusted), a software key for each demo signer
// with a handwritten-looking signature, and one for each agency's seal with a red seal image. Registered through
// the service as the demo system administrator, audited like any key.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import type { AppContext } from '../../platform/context.ts';
import { demoActors } from '../org/demo.ts';
import { encodePng } from './png.ts';
import { registerKey } from './service.ts';

const DAY = 86_400_000;

/** A handwritten-looking signature in blue ink on a transparent background. */
export function signatureImage(): Buffer {
  const [w, h] = [500, 200];
  const rgba = new Uint8Array(w * h * 4);
  const dot = (cx: number, cy: number, r: number) => {
    for (let y = Math.floor(cy - r); y <= cy + r; y++) {
      for (let x = Math.floor(cx - r); x <= cx + r; x++) {
        if (x < 0 || y < 0 || x >= w || y >= h || (x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
        rgba.set([20, 40, 170, 255], (y * w + x) * 4);
      }
    }
  };
  for (let t = 0; t <= 1; t += 0.0005) {
    const x = 30 + t * 440;
    const y = 100 + 55 * Math.sin(t * 19) * Math.exp(-t * 1.2) + 25 * Math.cos(t * 7);
    dot(x, y, 3.2);
  }
  for (let t = 0; t <= 1; t += 0.001) dot(120 + t * 330, 165 - t * 25, 2.2);
  return encodePng(w, h, rgba);
}

/** A red round seal with a star, 36 mm across at 300 dpi. */
export function sealImage(): Buffer {
  const size = 425;
  const rgba = new Uint8Array(size * size * 4);
  const c = size / 2;
  const star = (x: number, y: number) => {
    const angle = Math.atan2(y, x);
    const radius = Math.hypot(x, y);
    const k = (Math.cos(5 * (angle + Math.PI / 2)) + 1) / 2;
    return radius < 28 + 30 * k;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c);
      const ring = (r > 196 && r < 210) || (r > 140 && r < 146);
      const text = r > 152 && r < 188 && Math.floor((Math.atan2(y - c, x - c) + Math.PI) * 18) % 3 !== 0;
      if (ring || star(x - c, y - c) || text) rgba.set([210, 20, 30, 230], (y * size + x) * 4);
    }
  }
  return encodePng(size, size, rgba, 300);
}

/** The demo staff who sign: the leaders who sign results, and the officer who certifies copies on the spot. */
export const DEMO_SIGNERS = ['lanhdao.p1', 'giamdoc.stp', 'lanhdao.tpbl', 'motcua.p1'] as const;
/** The demo agencies whose seal keys are seeded, by identifier: Phường 1, Sở Tư pháp, the city. */
export const DEMO_SEALS = ['000.02.11.H05', '000.00.03.H05', '000.00.11.H05'] as const;

type Name = { name: string; value: string; valueTagClass?: forge.asn1.Class };
const utf8 = (name: string, value: string): Name => ({
  name,
  value,
  valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class,
});

function keyPair() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  return { privateKey: key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
}

interface Issued {
  cert: forge.pki.Certificate;
  privateKey: forge.pki.rsa.PrivateKey;
}

function issue(subject: Name[], issuer: Issued | null, ca: boolean, now: number): Issued {
  const keys = keyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = `01${randomBytes(8).toString('hex')}`;
  cert.validity.notBefore = new Date(now - 365 * DAY);
  cert.validity.notAfter = new Date(now + 5 * 365 * DAY);
  cert.setSubject(subject);
  cert.setIssuer(issuer ? issuer.cert.subject.attributes : subject);
  cert.setExtensions(
    ca
      ? [
          { name: 'basicConstraints', cA: true, critical: true },
          { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
        ]
      : [
          { name: 'basicConstraints', cA: false },
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
        ],
  );
  cert.sign(issuer?.privateKey ?? keys.privateKey, forge.md.sha256.create());
  return { cert, privateKey: keys.privateKey };
}

// Opened at every signature: a low iteration count keeps the demo's few hundred signatures quick. The demo keys
// protect nothing; a CA's PKCS#12 file keeps its own count.
function pkcs12(leaf: Issued, ca: Issued, password: string): Buffer {
  const p12 = forge.pkcs12.toPkcs12Asn1(leaf.privateKey, [leaf.cert, ca.cert], password, {
    algorithm: '3des',
    count: 64,
  });
  return Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary');
}

/** Seeds the demo keys once: does nothing when any signing key exists. Returns whether it seeded. */
export async function seedDemoSigningKeys(ctx: AppContext): Promise<boolean> {
  const db = ctx.database.db;
  if (await db.selectFrom('signing_key').select('id').limit(1).executeTakeFirst()) return false;
  const actors = await demoActors(ctx);
  const admin = { actor: actors.get('admin')!, requestId: null };
  const now = ctx.clock.now().getTime();
  const ca = issue([utf8('commonName', 'congso demo CA (không tin cậy)'), utf8('countryName', 'VN')], null, true, now);
  const password = randomBytes(12).toString('hex');
  const staff = await db
    .selectFrom('staff')
    .innerJoin('agency', 'agency.id', 'staff.agency_id')
    .select(['staff.id', 'staff.username', 'staff.full_name', 'agency.name as agency'])
    .where('staff.username', 'in', [...DEMO_SIGNERS])
    .execute();
  for (const s of staff) {
    const leaf = issue([utf8('commonName', s.full_name), utf8('organizationName', s.agency)], ca, false, now);
    await registerKey(ctx, admin, {
      owner: { kind: 'staff', staffId: s.id },
      image: signatureImage(),
      backend: { kind: 'software', pkcs12: pkcs12(leaf, ca, password), password },
    });
  }
  const agencies = await db
    .selectFrom('agency')
    .select(['id', 'name'])
    .where('identifier', 'in', [...DEMO_SEALS])
    .execute();
  for (const a of agencies) {
    const leaf = issue([utf8('commonName', a.name), utf8('countryName', 'VN')], ca, false, now);
    await registerKey(ctx, admin, {
      owner: { kind: 'agency', agencyId: a.id },
      image: sealImage(),
      backend: { kind: 'software', pkcs12: pkcs12(leaf, ca, password), password },
    });
  }
  return true;
}
