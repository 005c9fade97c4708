// What the dossier tests share: procedures offered with a chosen workflow (published through the catalogue API),
// role grants through the staff API, and a client that acts as a named demo account with fresh idempotency keys.
import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { DEMO_PROCEDURES } from '../src/modules/catalog/demo.ts';
import type { Session, TestApp } from './harness.ts';
import { multipart } from './multipart.ts';
import { type Issued, signatureImage, type TestPki } from './signing-fixtures.ts';

export const AGENCY = {
  ttpvhcc: '000.00.02.H05',
  stp: '000.00.03.H05',
  sxd: '000.00.04.H05',
  tpbl: '000.00.11.H05',
  p1: '000.02.11.H05',
} as const;

/** A small e-form: two required fields, one with a pattern, each with its Vietnamese title. */
export const EFORM_SCHEMA = {
  type: 'object',
  required: ['hoTen', 'soDinhDanh'],
  properties: {
    hoTen: { type: 'string', title: 'Họ, chữ đệm và tên người yêu cầu', minLength: 1 },
    soDinhDanh: { type: 'string', title: 'Số định danh cá nhân', pattern: '^[0-9]{12}$' },
  },
};

export const APPLICANT = {
  name: 'Nguyễn Thị Lan',
  identityNumber: '095187000123',
  phone: '0291 3822 123',
  email: 'lan@example.vn',
  address: 'Phường 1, thành phố Bạc Liêu',
};
export const EFORM = { hoTen: 'Nguyễn Thị Lan', soDinhDanh: '095187000123' };

export class Desk {
  readonly #sessions = new Map<string, Session>();
  constructor(readonly t: TestApp) {}

  /** A session as `username`; sessions are renewed after the test moves the clock past their idle time. */
  async as(username: string): Promise<Session> {
    let session = this.#sessions.get(username);
    if (!session) {
      session = await this.t.login(username);
      this.#sessions.set(username, session);
    }
    return session;
  }

  forgetSessions(): void {
    this.#sessions.clear();
  }

  async agencyId(identifier: string): Promise<string> {
    const row = await this.t.ctx.database.db
      .selectFrom('agency')
      .select('id')
      .where('identifier', '=', identifier)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async staffId(username: string): Promise<string> {
    const row = await this.t.ctx.database.db
      .selectFrom('staff')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async grant(username: string, role: string, identifier: string): Promise<void> {
    const res = await this.t.app.inject({
      method: 'POST',
      url: `/api/v1/staff/${await this.staffId(username)}/grants`,
      headers: (await this.as('admin')).headers,
      payload: { role, agencyId: await this.agencyId(identifier) },
    });
    expect(res.statusCode, res.body).toBe(201);
    this.#sessions.delete(username); // the new role shows in the next session
  }

  /** Publishes a copy of a demo procedure offered at `offerings` with the given workflows; returns its code. */
  async procedure(code: string, offerings: [identifier: string, workflow: string | null][], days = 5) {
    const { code: _demo, validFrom: _from, ...content } = DEMO_PROCEDURES[0]!;
    const admin = await this.as('admin');
    const created = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/procedures',
      headers: admin.headers,
      payload: {
        ...content,
        code,
        processingTimes: [{ channel: 'any', value: days, unit: 'working_days' }],
        receiptChannels: ['desk', 'online', 'post'],
        eform: { schema: EFORM_SCHEMA, ui: {} },
        offerings: offerings.map(([agency, workflow]) => ({ agency, workflow })),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const published = await this.t.app.inject({
      method: 'POST',
      url: `/api/v1/procedures/${code}/publish`,
      headers: { ...admin.headers, 'if-match': `"${created.json().revision}"` },
      payload: { validFrom: '2024-01-01' },
    });
    expect(published.statusCode, published.body).toBe(200);
    return code;
  }

  async open(username: string, payload: Record<string, unknown>, expected = 201) {
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/api/v1/dossiers',
      headers: (await this.as(username)).headers,
      payload: { channel: 'desk', applicant: APPLICANT, eform: EFORM, ...payload },
    });
    expect(res.statusCode, res.body).toBe(expected);
    return res.json();
  }

  /** Takes an action as `username` with a new idempotency key; checks the status code it gets. */
  async act(username: string, id: string, action: string, body: Record<string, unknown> = {}, expected = 200) {
    const res = await this.actRaw(username, id, action, body);
    expect(res.statusCode, `${action} as ${username}: ${res.body}`).toBe(expected);
    return res.json();
  }

  async actRaw(username: string, id: string, action: string, body: Record<string, unknown>, key = randomUUID()) {
    return this.t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/actions/${action}`,
      headers: { ...(await this.as(username)).headers, 'idempotency-key': key },
      payload: body,
    });
  }

  async get(username: string, id: string) {
    const res = await this.t.app.inject({
      method: 'GET',
      url: `/api/v1/dossiers/${id}`,
      headers: (await this.as(username)).headers,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** Registers a software key of the test PKI (`leaf`, the leader's by default) for each staff member. */
  async signingKeys(pki: TestPki, usernames: string[], leaf: Issued = pki.leader): Promise<void> {
    const admin = await this.as('admin');
    for (const username of usernames) {
      const body = multipart([
        { name: 'owner', value: 'staff' },
        { name: 'staffId', value: await this.staffId(username) },
        { name: 'backend', value: 'software' },
        { name: 'password', value: 'khoa-thu' },
        { name: 'pkcs12', file: pki.pkcs12(leaf, 'khoa-thu'), filename: 'khoa.p12' },
        { name: 'image', file: signatureImage(), filename: 'chu-ky.png', type: 'image/png' },
      ]);
      const res = await this.t.app.inject({
        method: 'POST',
        url: '/api/v1/signing/keys',
        headers: { ...admin.headers, ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  }

  /** A result document of the dossier rendered from a template (the demo decision) as `username`: its id. */
  async result(username: string, id: string, template = 'quyet-dinh'): Promise<string> {
    const res = await this.t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/results`,
      headers: (await this.as(username)).headers,
      payload: { template },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id;
  }

  /** Signs a result of the dossier as `username`, with their own key by default; the result as the API shows it. */
  async sign(username: string, id: string, resultId: string, body: Record<string, unknown> = { layout: 'signer' }) {
    const res = await this.t.app.inject({
      method: 'POST',
      url: `/api/v1/dossiers/${id}/results/${resultId}/sign`,
      headers: (await this.as(username)).headers,
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  /** A result drafted by `drafter` and signed by `signer` (who needs a key): what a signature requirement takes. */
  async signedResult(drafter: string, signer: string, id: string): Promise<string> {
    const resultId = await this.result(drafter, id);
    await this.sign(signer, id, resultId);
    return resultId;
  }

  /** Outbox topics written for a dossier, in order. */
  async topics(id: string): Promise<string[]> {
    const rows = await this.t.ctx.database.db.selectFrom('outbox').select(['topic', 'payload']).orderBy('id').execute();
    return rows.filter((r) => r.payload.dossierId === id).map((r) => r.topic);
  }

  /** Audit actions recorded for a dossier, in order. */
  async audits(id: string): Promise<string[]> {
    const rows = await this.t.ctx.database.db
      .selectFrom('audit_entry')
      .select('action')
      .where('target_type', '=', 'dossier')
      .where('target_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => r.action);
  }
}
