import { describe, expect, it } from 'vitest';
import { recordErrors } from './consistency.ts';
import { DEMO_PROCEDURES, demoCatalogFile, minimalPdf } from './demo.ts';
import { isDemoCode } from './procedure-code.ts';
import { checkTemplate } from './template-file.ts';

describe('the demo catalogue', () => {
  it('holds at least 40 procedures across province, district and commune, mixing toàn trình and một phần', () => {
    expect(DEMO_PROCEDURES.length).toBeGreaterThanOrEqual(40);
    const levels = new Set(DEMO_PROCEDURES.flatMap((p) => p.levels));
    expect([...levels].sort()).toEqual(['commune', 'district', 'province']);
    const online = DEMO_PROCEDURES.map((p) => p.onlineLevel);
    expect(online).toContain('full');
    expect(online).toContain('partial');
    expect(new Set(DEMO_PROCEDURES.map((p) => p.field.code)).size).toBeGreaterThanOrEqual(8);
  });

  it('uses only 9.xxxxxx codes, so that no demo procedure passes for a real national one', () => {
    expect(DEMO_PROCEDURES.every((p) => isDemoCode(p.code))).toBe(true);
    expect(new Set(DEMO_PROCEDURES.map((p) => p.code)).size).toBe(DEMO_PROCEDURES.length);
  });

  it('passes every rule a record must pass', () => {
    const errors = DEMO_PROCEDURES.flatMap((p) => recordErrors(p).map((e) => `${p.code} ${e.field}: ${e.message}`));
    expect(errors).toEqual([]);
  });

  it('carries real PDF templates that pass the content check', () => {
    const file = demoCatalogFile();
    expect(file.templates.length).toBeGreaterThan(3);
    for (const p of file.procedures)
      for (const c of p.components)
        if (c.template) {
          const t = file.templates.find((x) => x.sha256 === c.template?.sha256);
          expect(t).toBeDefined();
          expect(checkTemplate(c.template.fileName, Buffer.from(t!.contentBase64, 'base64')).ok).toBe(true);
        }
    expect(minimalPdf('x').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
