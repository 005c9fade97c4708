// The CMS SignedData inside a PAdES signature (ETSI EN 319 142-1, baseline B-B, and B-T with a timestamp):
// detached content, SHA-256, signed attributes content-type, message-digest and ESS signing-certificate-v2 (the
// hash of the signer's certificate, so the certificate cannot be swapped), and no signing-time attribute: PAdES
// takes the claimed time from the signature dictionary's /M instead.
import { createHash, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStamp: '1.2.840.113549.1.9.16.2.14',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
} as const;

/** What a signer backend signs: the DER of the signed attributes, and its SHA-256 for backends that take a hash. */
export interface ToBeSigned {
  data: Uint8Array;
  digest: Uint8Array;
}

/** A key that signs: a software key or a remote signing service. The chain starts with the signer. */
export interface SignerBackend {
  readonly chain: readonly Uint8Array[];
  sign(toBeSigned: ToBeSigned): Promise<Uint8Array>;
}

/** Gets an RFC 3161 timestamp token (a ContentInfo, DER) over `digest`, or throws. */
export type Timestamper = (digest: Uint8Array) => Promise<Uint8Array>;

export const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const p of parts) hash.update(p);
  return hash.digest();
};

const toArrayBuffer = (b: Uint8Array) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

export function parseCertificate(der: Uint8Array): pkijs.Certificate {
  return pkijs.Certificate.fromBER(toArrayBuffer(der));
}

/** The signature algorithm that the signer certificate's key makes with SHA-256. */
export function signatureAlgorithmOf(der: Uint8Array): string {
  const type = new X509Certificate(der).publicKey.asymmetricKeyType;
  if (type === 'rsa') return OID.sha256WithRsa;
  if (type === 'ec') return OID.ecdsaWithSha256;
  throw new Error(`unsupported key type ${type}`);
}

function essSigningCertificateV2(cert: pkijs.Certificate, der: Uint8Array): asn1js.Sequence {
  // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 with the default SHA-256
  // omits hashAlgorithm; issuerSerial names the issuer as a directoryName GeneralName ([4]).
  const issuerSerial = new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 4 }, value: [cert.issuer.toSchema()] })],
      }),
      cert.serialNumber,
    ],
  });
  const certId = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: toArrayBuffer(sha256(der)) }), issuerSerial],
  });
  return new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [certId] })] });
}

const attribute = (type: string, value: asn1js.AsnType) => new pkijs.Attribute({ type, values: [value] });

/** Builds the CMS for a document whose signed byte ranges hash to `contentDigest`. */
export async function buildCms(
  contentDigest: Uint8Array,
  signer: SignerBackend,
  timestamper?: Timestamper,
): Promise<Uint8Array> {
  const [signerDer, ...issuers] = signer.chain;
  if (!signerDer) throw new Error('empty certificate chain');
  const cert = parseCertificate(signerDer);
  const signedAttrs = new pkijs.SignedAndUnsignedAttributes({
    type: 0,
    attributes: [
      attribute(OID.contentType, new asn1js.ObjectIdentifier({ value: OID.data })),
      attribute(OID.messageDigest, new asn1js.OctetString({ valueHex: toArrayBuffer(contentDigest) })),
      attribute(OID.signingCertificateV2, essSigningCertificateV2(cert, signerDer)),
    ],
  });
  const data = signedAttributesDer(signedAttrs);
  const signature = await signer.sign({ data, digest: sha256(data) });
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 }),
    signedAttrs,
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({
      algorithmId: signatureAlgorithmOf(signerDer),
      ...(signatureAlgorithmOf(signerDer) === OID.sha256WithRsa ? { algorithmParams: new asn1js.Null() } : {}),
    }),
    signature: new asn1js.OctetString({ valueHex: toArrayBuffer(signature) }),
  });
  if (timestamper) {
    const token = await timestamper(sha256(signature));
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 1,
      attributes: [new pkijs.Attribute({ type: OID.signatureTimeStamp, values: [asn1js.fromBER(token).result] })],
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 })],
    certificates: [cert, ...issuers.map(parseCertificate)],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER());
}

/** The signed attributes as they are signed: DER with the SET OF tag, not the [0] they carry in SignerInfo. */
export function signedAttributesDer(attrs: pkijs.SignedAndUnsignedAttributes): Uint8Array {
  const der = new Uint8Array(attrs.toSchema().toBER());
  der[0] = 0x31;
  return der;
}
