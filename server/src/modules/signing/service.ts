// Use cases of the signing module: registering and rotating keys (signing.manage, audited, secrets never
// returned or logged), signing a PDF with one's own key or the agency's seal, verifying any PDF, and reading the
// record a signed document's QR code leads to. Who may sign with what is in docs/signing.md.
import { randomUUID } from 'node:crypto';
import { type Actor, assertCan } from '../../platform/auth/actor.ts';
import { ROLE_PERMISSIONS } from '../../platform/auth/roles.ts';
import type { AppContext, Requester } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import { forbidden, invalidField, notFound, Problem } from '../../platform/http/problem.ts';
import { getAgency, staffCard } from '../org/service.ts';
import type { Appearance, Layout } from './appearance.ts';
import { certificatesFromPem, describeCertificate, signingRefusal, toPem } from './certificates.ts';
import { type SignerBackend, sha256 } from './cms.ts';
import {
  DocumentError,
  nextFieldName,
  openForSigning,
  type Placement,
  placeSignature,
  qrBox,
  signPdf,
} from './pades.ts';
import { decodePng, PngError, type RasterImage } from './png.ts';
import { seal, unseal } from './sealed.ts';
import { openPkcs12, remoteSigner, SigningKeyError, softwareSigner } from './signers.ts';
import * as store from './store.ts';
import { RemoteServiceError, rfc3161Timestamper } from './tsa.ts';
import { verifyPdf } from './verify.ts';

type Staffer = Requester & { actor: Actor };

const unprocessable = (title: string) => new Problem(422, 'unprocessable', title);

export interface KeyInput {
  owner: store.Owner;
  image: Uint8Array | null;
  backend:
    | { kind: 'software'; pkcs12: Uint8Array; password: string }
    | { kind: 'remote'; url: string; keyId: string; certificatePem: string };
}

/** Registers a key for a staff member or an agency; an active key of the same owner is retired (rotation). */
export async function registerKey(ctx: AppContext, who: Staffer, input: KeyInput) {
  const agencyId = await ownerAgency(ctx, input.owner);
  await assertCan(ctx.database.db, who.actor, 'signing.manage', agencyId);
  const chain = keyChain(input.backend);
  const refusal = signingRefusal(chain[0]!, ctx.clock.now());
  if (refusal) throw invalidField(input.backend.kind === 'software' ? 'pkcs12' : 'certificate', refusal);
  if (input.image) readImage(input.image);
  const facts = describeCertificate(chain[0]!);
  const id = randomUUID();
  await runChange(ctx, who, async ({ trx, audit }) => {
    const rotated = await store.retireActive(trx, input.owner, ctx.clock.now());
    await store.insertKey(trx, {
      id,
      owner_kind: input.owner.kind,
      staff_id: input.owner.kind === 'staff' ? input.owner.staffId : null,
      agency_id: agencyId,
      backend: input.backend.kind,
      ...(input.backend.kind === 'software'
        ? {
            pkcs12: input.backend.pkcs12,
            password_sealed: seal(ctx.config.signingMasterKey, id, input.backend.password),
          }
        : { remote_url: input.backend.url, remote_key_id: input.backend.keyId }),
      certificate_chain: chain.map(toPem).join(''),
      subject: facts.name,
      issuer: facts.issuer,
      serial: facts.serial,
      not_before: facts.notBefore,
      not_after: facts.notAfter,
      image: input.image,
    });
    audit(rotated ? 'signing.key.rotate' : 'signing.key.register', 'signing_key', id, {
      owner: input.owner,
      backend: input.backend.kind,
      subject: facts.name,
      serial: facts.serial,
      notAfter: facts.notAfter.toISOString(),
      ...(rotated ? { retired: rotated } : {}),
    });
  });
  return keyView((await store.findKeySummary(ctx.database.db, id))!);
}

async function ownerAgency(ctx: AppContext, owner: store.Owner): Promise<string> {
  if (owner.kind === 'agency') return (await getAgency(ctx, owner.agencyId)).id;
  const staff = await staffCard(ctx.database.db, owner.staffId);
  if (!staff) throw notFound('cán bộ');
  return staff.agency_id;
}

function keyChain(backend: KeyInput['backend']): Uint8Array[] {
  if (backend.kind === 'software') {
    try {
      return openPkcs12(backend.pkcs12, backend.password).chain;
    } catch (err) {
      if (err instanceof SigningKeyError) throw invalidField('pkcs12', err.message);
      throw err;
    }
  }
  const chain = (() => {
    try {
      return certificatesFromPem(backend.certificatePem);
    } catch {
      return [];
    }
  })();
  if (chain.length === 0) {
    throw invalidField('certificate', 'Chứng thư số của khóa từ xa phải là một hoặc nhiều chứng thư X.509 dạng PEM.');
  }
  return chain;
}

function readImage(bytes: Uint8Array): RasterImage {
  try {
    return decodePng(bytes);
  } catch (err) {
    if (err instanceof PngError) throw invalidField('image', err.message);
    throw err;
  }
}

export const keyView = (k: store.KeySummary) => ({
  id: k.id,
  owner: k.owner_kind === 'staff' ? { kind: 'staff' as const, staffId: k.staff_id! } : { kind: 'agency' as const },
  agencyId: k.agency_id,
  backend: k.backend,
  remote: k.backend === 'remote' ? { url: k.remote_url!, keyId: k.remote_key_id! } : null,
  certificate: {
    subject: k.subject,
    issuer: k.issuer,
    serial: k.serial,
    notBefore: k.not_before.toISOString(),
    notAfter: k.not_after.toISOString(),
  },
  hasImage: k.has_image,
  status: k.status,
  createdAt: k.created_at.toISOString(),
  retiredAt: k.retired_at?.toISOString() ?? null,
});

export async function listKeys(ctx: AppContext, actor: Actor) {
  return { items: (await store.listKeys(ctx.database.db, actor)).map(keyView) };
}

export async function retireKey(ctx: AppContext, who: Staffer, id: string) {
  const key = await store.findKeySummary(ctx.database.db, id);
  if (!key) throw notFound('khóa ký số');
  await assertCan(ctx.database.db, who.actor, 'signing.manage', key.agency_id);
  if (key.status === 'retired') return keyView(key);
  await runChange(ctx, who, async ({ trx, audit }) => {
    await store.retire(trx, id, ctx.clock.now());
    audit('signing.key.retire', 'signing_key', id, { subject: key.subject, serial: key.serial });
  });
  return keyView((await store.findKeySummary(ctx.database.db, id))!);
}

export interface SignInput {
  pdf: Uint8Array;
  layout: Layout;
  placement: Placement;
  /** The agency whose seal signs (seal, attachment); defaults to the signer's own agency. */
  agencyId?: string;
  /** Number and symbol of the document an attachment belongs to, e.g. 05/QĐ-UBND. */
  numberSymbol?: string;
  reason?: string;
}

/**
 * Signs with the actor's own key (layout `signer`) or with the seal key of an agency in which the actor holds
 * signing.seal by a grant in that very agency (layouts `seal` and `attachment`).
 */
export async function signDocument(ctx: AppContext, who: Staffer, input: SignInput) {
  const staff = await staffCard(ctx.database.db, who.actor.staffId);
  if (!staff) throw notFound('cán bộ');
  const agencyId = input.layout === 'signer' ? staff.agency_id : (input.agencyId ?? staff.agency_id);
  if (input.layout !== 'signer') assertMaySeal(who.actor, agencyId);
  const key = await store.activeKey(
    ctx.database.db,
    input.layout === 'signer' ? { kind: 'staff', staffId: staff.id } : { kind: 'agency', agencyId },
  );
  if (!key) {
    throw unprocessable(
      input.layout === 'signer'
        ? 'Bạn chưa có khóa ký số đang hiệu lực.'
        : 'Cơ quan chưa có khóa ký số (con dấu) đang hiệu lực.',
    );
  }
  const signedAt = ctx.clock.now();
  const chain = certificatesFromPem(key.certificate_chain);
  const refusal = signingRefusal(chain[0]!, signedAt);
  if (refusal) throw unprocessable(refusal);
  const agencyName = (await getAgency(ctx, agencyId)).name;
  const appearance = appearanceFor(input, key, staff, signedAt);
  const file = documentProblem(() => openForSigning(input.pdf));
  const { pageIndex, box } = documentProblem(() => placeSignature(file, appearance, input.placement));
  const signatureId = randomUUID();
  const signerName = input.layout === 'signer' ? staff.full_name : agencyName;
  const pdf = await remoteProblem(() =>
    signPdf(
      file,
      {
        pageIndex,
        box,
        appearance,
        fieldName: nextFieldName(file, input.layout),
        signedAt,
        signerName,
        ...(input.reason ? { reason: input.reason } : {}),
        // The organisation's signature completes a document: it carries the QR code to the verification page.
        ...(input.layout === 'signer'
          ? {}
          : { qr: { url: `${ctx.config.publicUrl}/verify?id=${signatureId}`, box: qrBox(file, pageIndex) } }),
      },
      signerFor(ctx, key, chain),
      ctx.config.tsaUrl ? rfc3161Timestamper(ctx.config.tsaUrl, ctx.config.remoteSigningTimeoutMs) : undefined,
    ),
  );
  const [inputHash, outputHash] = [sha256(input.pdf).toString('hex'), sha256(pdf).toString('hex')];
  await runChange(ctx, who, async ({ trx, audit }) => {
    await store.insertSignature(trx, {
      id: signatureId,
      key_id: key.id,
      signed_by: staff.id,
      layout: input.layout,
      signer_name: signerName,
      agency_name: agencyName,
      signed_at: signedAt,
      input_sha256: inputHash,
      output_sha256: outputHash,
    });
    audit('signing.sign', 'signature', signatureId, { layout: input.layout, keyId: key.id, inputHash, outputHash });
  });
  return { pdf, signatureId };
}

function assertMaySeal(actor: Actor, agencyId: string): void {
  const granted = actor.grants.some(
    (g) => g.agencyId === agencyId && ROLE_PERMISSIONS[g.role].includes('signing.seal'),
  );
  if (!granted) throw forbidden('Chỉ văn thư hoặc lãnh đạo của chính cơ quan này được ký bằng con dấu của cơ quan.');
}

function appearanceFor(
  input: SignInput,
  key: store.KeyRow,
  staff: NonNullable<Awaited<ReturnType<typeof staffCard>>>,
  signedAt: Date,
): Appearance {
  if (input.layout === 'attachment') {
    if (!input.numberSymbol)
      throw invalidField('numberSymbol', 'Cần số và ký hiệu của văn bản mà tệp đính kèm thuộc về.');
    return { layout: 'attachment', numberSymbol: input.numberSymbol, signedAt };
  }
  if (!key.image) {
    throw unprocessable(
      input.layout === 'signer' ? 'Khóa ký số chưa có ảnh chữ ký tay.' : 'Khóa ký số của cơ quan chưa có ảnh con dấu.',
    );
  }
  const image = decodePng(key.image);
  if (input.layout === 'seal') return { layout: 'seal', image };
  return { layout: 'signer', position: staff.position ?? '', fullName: staff.full_name, image };
}

function signerFor(ctx: AppContext, key: store.KeyRow, chain: Uint8Array[]): SignerBackend {
  if (key.backend === 'remote') {
    return remoteSigner({
      url: key.remote_url!,
      keyId: key.remote_key_id!,
      chain,
      timeoutMs: ctx.config.remoteSigningTimeoutMs,
    });
  }
  const password = unseal(ctx.config.signingMasterKey, key.id, key.password_sealed!);
  return softwareSigner(openPkcs12(key.pkcs12!, password));
}

function documentProblem<T>(work: () => T): T {
  try {
    return work();
  } catch (err) {
    if (err instanceof DocumentError) throw unprocessable(err.message);
    throw err;
  }
}

async function remoteProblem<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof RemoteServiceError)) throw err;
    const what = err.service === 'tsa' ? 'Máy chủ cấp dấu thời gian' : 'Dịch vụ ký số từ xa';
    throw new Problem(502, 'remote-service', `${what} không phản hồi đúng; chưa ký được văn bản.`, err.message);
  }
}

export async function verifyDocument(ctx: AppContext, pdf: Uint8Array) {
  try {
    return { signatures: await verifyPdf(pdf, ctx.config.trustAnchors) };
  } catch (err) {
    if (err instanceof DocumentError) throw unprocessable(err.message);
    throw err;
  }
}

/** The record a signed document's QR code leads to, or null. */
export async function signatureRecord(ctx: AppContext, id: string) {
  if (!/^[0-9a-f-]{36}$/.test(id)) return null;
  return (await store.findSignature(ctx.database.db, id)) ?? null;
}
