import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from './definition.ts';
import { toMermaid, toSvg } from './diagram.ts';
import { COMMUNE_STANDARD, SEEDED_WORKFLOWS } from './seeds.ts';

/**
 * Well-formedness as XML 1.0 requires it, for what an SVG writer can get wrong: one root element, tags that nest
 * and close, quoted and unique attributes, `&` only in a known entity, no `<` in text or attributes.
 */
function xmlProblems(document: string): string[] {
  const problems: string[] = [];
  const body = document.replace(/^<\?xml [^?]*\?>\s*/, '');
  const open: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    const [, closing, name, attributes, selfClosing, text, stray] = m;
    if (stray) problems.push(`stray '<' at ${m.index}`);
    const checked = text ?? attributes ?? '';
    for (const amp of checked.matchAll(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)) {
      problems.push(`bare '&' at ${(m.index ?? 0) + (amp.index ?? 0)}`);
    }
    if (text !== undefined && open.length === 0 && text.trim() !== '') problems.push('text outside the root');
    if (!name) continue;
    if (closing) {
      if (open.pop() !== name) problems.push(`</${name}> closes the wrong element`);
      continue;
    }
    if (open.length === 0) roots += 1;
    const names = [...(attributes ?? '').matchAll(/([\w:.-]+)\s*=/g)].map((a) => a[1]);
    if (new Set(names).size !== names.length) problems.push(`repeated attribute in <${name}>`);
    if (!selfClosing) open.push(name);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const unescapeXml = (text: string) =>
  text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
const svgTexts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => unescapeXml(m[1]!));

describe('the checker itself', () => {
  it('catches what it is meant to catch', () => {
    expect(xmlProblems('<a><b></a></b>')).not.toEqual([]);
    expect(xmlProblems('<a>x & y</a>')).not.toEqual([]);
    expect(xmlProblems('<a x="1" x="2"/>')).not.toEqual([]);
    expect(xmlProblems('<a/><b/>')).not.toEqual([]);
    expect(xmlProblems('<a t="&amp;">&lt;ok&gt;</a>')).toEqual([]);
  });
});

describe.each(SEEDED_WORKFLOWS.map((def) => [def.code, def] as const))('diagrams of %s', (_code, def) => {
  it('SVG: well-formed XML, with every step name in its Vietnamese spelling', () => {
    const svg = toSvg(def);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    const texts = svgTexts(svg);
    for (const step of def.steps) expect(texts).toContain(step.name);
    for (const action of def.steps.flatMap((s) => s.actions)) expect(texts).toContain(action.name);
  });

  it('Mermaid: every step declared with its name, every action drawn, entry and exits marked', () => {
    const text = toMermaid(def);
    expect(text.split('\n')[0]).toBe('stateDiagram-v2');
    for (const step of def.steps) expect(text).toContain(`state "${step.name}" as ${step.id}\n`);
    for (const step of def.steps) {
      for (const action of step.actions) expect(text).toContain(`  ${step.id} --> ${action.to} : ${action.name}\n`);
    }
    expect(text).toContain(`[*] --> ${def.start}\n`);
    for (const end of def.steps.filter((s) => s.terminal)) expect(text).toContain(`${end.id} --> [*]`);
  });
});

describe('escaping', () => {
  const tricky: WorkflowDefinition = {
    ...COMMUNE_STANDARD,
    steps: COMMUNE_STANDARD.steps.map((s) =>
      s.id === 'processing' ? { ...s, name: 'Thụ lý <"nhanh"> & gọn; #1: xong' } : s,
    ),
  };

  it('escapes markup characters in the SVG and keeps the text intact', () => {
    const svg = toSvg(tricky);
    expect(xmlProblems(svg)).toEqual([]);
    expect(svgTexts(svg)).toContain('Thụ lý <"nhanh"> & gọn; #1: xong');
  });

  it('writes Mermaid’s special characters as entities', () => {
    expect(toMermaid(tricky)).toContain(
      'state "Thụ lý #lt;#quot;nhanh#quot;#gt; & gọn#59; #35;1#58; xong" as processing',
    );
  });
});

describe('docs/workflow.md', () => {
  it('shows each seeded workflow as its current Mermaid text', () => {
    const docs = readFileSync(new URL('../../../../docs/workflow.md', import.meta.url), 'utf8');
    for (const def of SEEDED_WORKFLOWS) expect(docs).toContain(`\`\`\`mermaid\n${toMermaid(def)}\`\`\``);
  });
});
