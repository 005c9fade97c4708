// The template language: what a template may name (the dossier's view and its procedures' e-form fields, nothing
// else, refused with the path that holds it), and filling: every placeholder of a valid template resolves, in one
// pass, so that no placeholder survives and no value is ever read as one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEMO_PROCEDURES } from '../catalog/demo.ts';
import { DEMO_TEMPLATES } from './demo.ts';
import {
  BLANK,
  type Block,
  fill,
  printed,
  type ResultView,
  type TemplateDefinition,
  templateProblems,
  texts,
  VIEW_PATHS,
  type ViewPath,
} from './template.ts';

const PATHS = Object.keys(VIEW_PATHS) as ViewPath[];
const EFORM_FIELDS = new Set(['hoTen', 'ngaySinh', 'soTang']);

const definition = (...blocks: Block[]): TemplateDefinition => ({ paper: 'A4', blocks });

describe('what a template may name', () => {
  it('accepts every demo template against the e-forms of the procedures it names', () => {
    for (const t of DEMO_TEMPLATES) {
      const forms = (t.procedures ?? []).map((code) => DEMO_PROCEDURES.find((p) => p.code === code)!);
      const fields = forms.length
        ? new Set(forms.flatMap((p) => Object.keys((p.eform.schema as { properties: object }).properties)))
        : null;
      expect(templateProblems(t.definition, fields), t.code).toEqual([]);
      if (t.code !== 'quyet-dinh') expect(forms.length, t.code).toBeGreaterThan(0);
    }
  });

  it('refuses a placeholder outside the view, naming the path that holds it', () => {
    const def = definition(
      { type: 'heading' },
      { type: 'title', text: 'GIẤY PHÉP' },
      { type: 'paragraph', text: 'Cấp cho {{applicant.ten}} theo hồ sơ {{dossier.code}}.' },
    );
    expect(templateProblems(def, null)).toEqual([
      { path: 'blocks[2].text', message: 'Không có trường {{applicant.ten}} trong dữ liệu hồ sơ dùng cho mẫu.' },
    ]);
  });

  it('takes e-form fields only from a template that names its procedures, and only fields they have', () => {
    const def = definition({ type: 'field', label: 'Số tầng', value: '{{eform.soTang}}, {{eform.soPhong}}' });
    expect(templateProblems(def, null).map((p) => p.message)).toEqual([
      'Mẫu dùng cho mọi thủ tục không được dùng trường tờ khai {{eform.soTang}}: hãy chỉ rõ thủ tục áp dụng.',
      'Mẫu dùng cho mọi thủ tục không được dùng trường tờ khai {{eform.soPhong}}: hãy chỉ rõ thủ tục áp dụng.',
    ]);
    expect(templateProblems(def, EFORM_FIELDS)).toEqual([
      { path: 'blocks[0].value', message: 'Tờ khai của thủ tục áp dụng không có trường {{eform.soPhong}}.' },
    ]);
  });

  it('refuses braces that do not form a placeholder, expressions, and code-like names', () => {
    const def = definition(
      { type: 'paragraph', text: 'Mở {{applicant.name' },
      { type: 'paragraph', text: '{{ applicant.name + 1 }}' },
      { type: 'paragraph', text: '{{constructor.constructor}}' },
      { type: 'paragraph', text: '{{__proto__}}' },
      { type: 'paragraph', text: '{{constructor}} {{toString}}' },
    );
    expect(templateProblems(def, null).map((p) => p.path)).toEqual([
      'blocks[0].text',
      'blocks[1].text',
      'blocks[2].text',
      'blocks[3].text',
      'blocks[4].text',
      'blocks[4].text',
    ]);
    expect(fill('{{constructor}}', { values: {} as ResultView['values'], eform: {} })).toBe(BLANK);
  });

  it('checks tables against their columns, a single heading, and room for the signature row', () => {
    const def = definition(
      { type: 'heading' },
      {
        type: 'table',
        columns: [
          { header: 'A', width: 0.7 },
          { header: 'B', width: 0.5 },
        ],
        rows: [['1', '2'], ['3']],
      },
      { type: 'heading' },
      { type: 'signature', signers: [{}, {}], recipients: ['Lưu: VT.'] },
    );
    expect(templateProblems(def, null).map((p) => p.path)).toEqual([
      'blocks[1].rows[1]',
      'blocks[1].columns',
      'blocks[3].recipients',
      'blocks[2]',
    ]);
  });
});

describe('filling a template from a dossier', () => {
  it('prints e-form values as a person reads them, and a missing value as a blank', () => {
    expect(printed('2025-01-24')).toBe('24/01/2025');
    expect(printed(3)).toBe('3');
    expect(printed(true)).toBe('Có');
    expect(printed(['Nam', 'Nữ'])).toBe('Nam, Nữ');
    expect(printed(undefined)).toBe(BLANK);
    expect(printed({ a: 1 })).toBe(BLANK);
  });

  // Text: literal pieces and placeholders, each from the view or the e-form.
  const literal = fc.string({ maxLength: 12 }).map((s) => s.replace(/[{}]/g, ''));
  const name = fc.oneof(fc.constantFrom(...PATHS), fc.constantFrom(...[...EFORM_FIELDS].map((f) => `eform.${f}`)));
  const piece = fc.oneof(
    literal.map((text) => ({ text, name: null as string | null })),
    fc.tuple(name, fc.constantFrom('', ' ')).map(([n, pad]) => ({ text: `{{${pad}${n}${pad}}}`, name: n })),
  );
  const text = fc.array(piece, { minLength: 1, maxLength: 6 });
  const block = fc.oneof(
    text.map((pieces) => ({ pieces, block: (t: string): Block => ({ type: 'paragraph', text: t }) })),
    text.map((pieces) => ({ pieces, block: (t: string): Block => ({ type: 'field', label: 'Nhãn', value: t }) })),
    text.map((pieces) => ({ pieces, block: (t: string): Block => ({ type: 'title', text: t, lines: [t] }) })),
  );
  // Values may look like placeholders themselves: they must be printed as they are, never expanded.
  const value = fc.option(fc.oneof(fc.string({ maxLength: 10 }), fc.constant('{{applicant.name}}')), { nil: null });
  const view = fc.record({
    values: fc.record(Object.fromEntries(PATHS.map((p) => [p, value])) as Record<ViewPath, typeof value>),
    eform: fc.record({ hoTen: fc.string({ maxLength: 10 }), ngaySinh: fc.constant('2020-02-29'), soTang: fc.nat(9) }),
  }) as fc.Arbitrary<ResultView>;

  it('resolves every placeholder of a valid template, and leaves no {{ but the values that have one', () => {
    fc.assert(
      fc.property(fc.array(block, { minLength: 1, maxLength: 5 }), view, (blocks, v) => {
        const def = definition(...blocks.map(({ pieces, block: make }) => make(pieces.map((p) => p.text).join(''))));
        expect(templateProblems(def, EFORM_FIELDS)).toEqual([]);
        for (const [i, { pieces }] of blocks.entries()) {
          const expected = pieces
            .map((p) => {
              if (p.name === null) return p.text;
              if (p.name.startsWith('eform.')) return printed(v.eform[p.name.slice(6)]);
              return v.values[p.name as ViewPath] || BLANK;
            })
            .join('');
          const own = texts(def).filter((t) => t.path.startsWith(`blocks[${i}].`) && !t.path.endsWith('.label'));
          for (const t of own) expect(fill(t.text, v)).toBe(expected);
        }
        const braces = [...Object.values(v.values), v.eform.hoTen].some((x) => typeof x === 'string' && /[{}]/.test(x));
        if (!braces) for (const t of texts(def)) expect(fill(t.text, v)).not.toContain('{{');
      }),
      { numRuns: 300 },
    );
  });
});
