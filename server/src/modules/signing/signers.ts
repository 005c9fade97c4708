// The two signer backends behind SignerBackend: a software key from a PKCS#12 file (one per staff member or
// agency), and a remote signing service (a CA's signing API or an HSM) reached over HTTP with the protocol
// documented in docs/signing.md:
//   POST {url}/sign  { digest: base64, algorithm, keyId }  →  { signature: base64, certificateChain: [base64 DER] }
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { OID, type SignerBackend, signatureAlgorithmOf, type ToBeSigned } from './cms.ts';
import { postWithTimeout, RemoteServiceError } from './tsa.ts';

export class SigningKeyError extends Error {}

export interface SoftwareKey {
  privateKey: KeyObject;
  /** Signer first, then its issuers as far as the file holds them. */
  chain: Uint8Array[];
}

const spki = (key: KeyObject) => key.export({ type: 'spki', format: 'der' });

type Bags = { keys: forge.pkcs12.Bag[]; certs: forge.pkcs12.Bag[] };

function readBags(p12: Uint8Array, password: string, skipMac: boolean): Bags {
  const asn1 = forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(p12).toString('binary')));
  if (skipMac) asn1.value = (asn1.value as forge.asn1.Asn1[]).slice(0, 2);
  const store = forge.pkcs12.pkcs12FromAsn1(asn1, password);
  const bags = (type: string) => store.getBags({ bagType: type })[type] ?? [];
  const oids = forge.pki.oids;
  return { keys: [...bags(oids.pkcs8ShroudedKeyBag!), ...bags(oids.keyBag!)], certs: bags(oids.certBag!) };
}

/**
 * Opens a PKCS#12 file; legacy (3DES, RC2) and current (PBES2 with AES) encryption are both read. PKCS#12 takes
 * the password as UTF-16 for its MAC but PBES2 takes it as UTF-8 bytes, which node-forge does not tell apart: a
 * password with Vietnamese letters passes the MAC check with the first and decrypts with the second.
 * node-forge checks the MAC before it decrypts, so any later failure means the MAC passed. That failure is not
 * always "could not decrypt": about one time in 128 the wrong key leaves valid padding by chance, and the error
 * comes from parsing what it decrypted (test/fixtures/signing/padding-by-chance.p12 is such a file).
 */
export function openPkcs12(p12: Uint8Array, password: string): SoftwareKey {
  let bags: Bags;
  try {
    try {
      bags = readBags(p12, password, false);
    } catch (err) {
      const macFailed = /MAC could not be verified/.test((err as Error).message);
      if (macFailed || Buffer.byteLength(password) === password.length) throw err;
      bags = readBags(p12, forge.util.encodeUtf8(password), true);
    }
  } catch {
    throw new SigningKeyError('Không mở được tệp PKCS#12: mật khẩu không đúng, tệp bị hỏng hoặc khóa không phải RSA.');
  }
  const key = bags.keys[0]?.key;
  if (!key) throw new SigningKeyError('Tệp PKCS#12 không chứa khóa bí mật.');
  const privateKey = createPrivateKey(forge.pki.privateKeyToPem(key));
  const certs = bags.certs.flatMap((bag) =>
    bag.cert
      ? [new Uint8Array(Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(bag.cert)).getBytes(), 'binary'))]
      : [],
  );
  return { privateKey, chain: orderChain(privateKey, certs) };
}

/** Puts the certificate of `privateKey` first and follows issuers from there. */
function orderChain(privateKey: KeyObject, certs: Uint8Array[]): Uint8Array[] {
  const publicKey = spki(createPublicKey(privateKey));
  const all = certs.map((c) => new X509Certificate(c));
  let current = all.find((c) => spki(c.publicKey).equals(publicKey));
  if (!current) throw new SigningKeyError('Tệp PKCS#12 không chứa chứng thư số của khóa bí mật.');
  const chain = [current];
  for (;;) {
    const issuer = all.find((c) => !chain.includes(c) && current!.checkIssued(c));
    if (!issuer) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain.map((c) => new Uint8Array(c.raw));
}

export function softwareSigner(key: SoftwareKey): SignerBackend {
  return {
    chain: key.chain,
    sign: async ({ data }: ToBeSigned) => new Uint8Array(sign('sha256', data, key.privateKey)),
  };
}

export interface RemoteKey {
  url: string;
  keyId: string;
  /** The certificate chain registered for the remote key; the service must sign with that certificate's key. */
  chain: Uint8Array[];
  timeoutMs: number;
}

const REMOTE_ALGORITHM: Record<string, string> = {
  [OID.sha256WithRsa]: 'RSASSA-PKCS1-v1_5-SHA256',
  [OID.ecdsaWithSha256]: 'ECDSA-SHA256',
};

export function remoteSigner(remote: RemoteKey): SignerBackend {
  const signer = new X509Certificate(remote.chain[0]!);
  return {
    chain: remote.chain,
    async sign({ data, digest }: ToBeSigned) {
      const response = await postWithTimeout(
        'remote-signer',
        `${remote.url.replace(/\/$/, '')}/sign`,
        {
          body: JSON.stringify({
            digest: Buffer.from(digest).toString('base64'),
            algorithm: REMOTE_ALGORITHM[signatureAlgorithmOf(remote.chain[0]!)],
            keyId: remote.keyId,
          }),
          contentType: 'application/json',
        },
        remote.timeoutMs,
      );
      const answer = (await response.json().catch(() => null)) as { signature?: unknown } | null;
      if (typeof answer?.signature !== 'string')
        throw new RemoteServiceError('remote-signer', 'answer without signature');
      const signature = Buffer.from(answer.signature, 'base64');
      // A service that signs with another key than the registered certificate's would produce a signature that
      // fails for everyone later: refuse it now.
      if (!verify('sha256', data, signer.publicKey, signature)) {
        throw new RemoteServiceError('remote-signer', 'signature does not match the registered certificate');
      }
      return new Uint8Array(signature);
    },
  };
}
