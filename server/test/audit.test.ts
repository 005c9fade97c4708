import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/platform/audit/audit.ts';
import { type TestApp, testApp } from './harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  // A few real changes, so that the chain has entries written by the application.
  const admin = await t.login('admin');
  const agencies = await t.app.inject({ url: '/api/v1/agencies?q=Sở Tư pháp' });
  const stp = agencies.json().items[0];
  for (const code of ['A', 'B', 'C']) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agencies/${stp.id}/departments`,
      headers: admin.headers,
      payload: { code: `KT${code}`, name: `Phòng Kiểm tra ${code}` },
    });
    expect(res.statusCode).toBe(201);
  }
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records each change with actor, action, target and request id', async () => {
    const entries = await t.ctx.database.db
      .selectFrom('audit_entry')
      .selectAll()
      .where('action', '=', 'org.department_created')
      .orderBy('seq')
      .execute();
    expect(entries).toHaveLength(3);
    expect(entries[0]).toMatchObject({ actor_label: 'admin (Nguyễn Văn Quản)', target_type: 'department' });
    expect(entries[0]!.request_id).toBeTruthy();
    expect(entries[0]!.summary).toMatchObject({ code: 'KTA', name: 'Phòng Kiểm tra A' });
  });

  it('lists entries newest first for a system administrator, filtered by target, page by page', async () => {
    const admin = await t.login('admin');
    const page = await t.app.inject({
      url: '/api/v1/audit?targetType=department&limit=2',
      headers: { cookie: admin.cookie },
    });
    const body = page.json();
    expect(body.items).toHaveLength(2);
    expect(body.items[0].seq).toBeGreaterThan(body.items[1].seq);
    expect(body.items[0]).toMatchObject({ action: 'org.department_created', actorLabel: 'admin (Nguyễn Văn Quản)' });
    expect(body.items[0]).not.toHaveProperty('hash');
    const next = await t.app.inject({
      url: `/api/v1/audit?targetType=department&limit=2&cursor=${body.nextCursor}`,
      headers: { cookie: admin.cookie },
    });
    expect(next.json().items.map((e: { summary: { code: string } }) => e.summary.code)).toEqual(['KTA']);
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    const db = t.ctx.database.db;
    await expect(sql`UPDATE audit_entry SET action = 'x' WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entry WHERE seq = 1`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('verifies the intact chain', async () => {
    const report = await verifyAuditChain(t.ctx.database.db);
    expect(report.firstBreak).toBeNull();
    expect(report.checked).toBeGreaterThanOrEqual(5);
  });

  // The trigger stops the application; an attacker with the owner's rights can switch it off. The chain is what
  // still tells: a changed entry breaks its own hash, and a removed one breaks the link after it.
  it('names the first tampered entry when a row is changed behind the application', async () => {
    const db = t.ctx.database.db;
    const target = await db
      .selectFrom('audit_entry')
      .select('seq')
      .where('action', '=', 'org.department_created')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    await sql`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only`.execute(db);
    await sql`UPDATE audit_entry SET summary = '{"code":"KTA","name":"Phòng đã bị sửa"}' WHERE seq = ${target.seq}`.execute(
      db,
    );
    const changed = await verifyAuditChain(db);
    expect(changed.firstBreak).toEqual({ seq: target.seq, reason: 'hash' });

    await sql`DELETE FROM audit_entry WHERE seq = ${target.seq}`.execute(db);
    const removed = await verifyAuditChain(db);
    expect(removed.firstBreak).toEqual({ seq: target.seq + 1, reason: 'sequence' });

    const last = await db.selectFrom('audit_chain_head').select('seq').executeTakeFirstOrThrow();
    await sql`DELETE FROM audit_entry WHERE seq > ${target.seq}`.execute(db);
    const truncated = await verifyAuditChain(db);
    expect(truncated.firstBreak?.reason).toBe('sequence');
    expect(last.seq).toBeGreaterThan(target.seq);
    await sql`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_append_only`.execute(db);
  });
});

describe('audit chain under concurrency', () => {
  it('stays one unbroken line when many changes commit at once', async () => {
    const t2 = await testApp();
    try {
      const admin = await t2.login('admin');
      const agencies = await t2.app.inject({ url: '/api/v1/agencies?q=Sở Xây dựng' });
      const sxd = agencies.json().items[0];
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          t2.app.inject({
            method: 'POST',
            url: `/api/v1/agencies/${sxd.id}/departments`,
            headers: admin.headers,
            payload: { code: `P${i}`, name: `Phòng số ${i}` },
          }),
        ),
      );
      expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      expect((await verifyAuditChain(t2.ctx.database.db)).firstBreak).toBeNull();
    } finally {
      await t2.close();
    }
  });
});
