// A workflow drawn for people: Mermaid `stateDiagram-v2` text for documents and a self-contained SVG for the
// console. The SVG uses a simple layered layout: steps by distance from the start, terminal steps at the bottom.

import { ROLE_NAMES } from '../../platform/auth/roles.ts';
import type { StepAllowance, StepDefinition, StepTime, WorkflowDefinition } from './definition.ts';

const UNIT_NAMES: Record<StepTime['unit'], string> = { working_days: 'ngày làm việc', working_hours: 'giờ làm việc' };
const ALLOWANCE_NAMES: Record<StepAllowance, string> = {
  supplement: 'yêu cầu bổ sung',
  suspend: 'tạm dừng',
  hand_off: 'chuyển cơ quan khác',
};

/** The line under a step's name: who acts and how long they have. */
function stepDetail(step: StepDefinition): string {
  const parts = [
    step.role ? ROLE_NAMES[step.role] : '',
    step.timeAllowed ? `${step.timeAllowed.amount} ${UNIT_NAMES[step.timeAllowed.unit]}` : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

const allowanceLine = (step: StepDefinition): string =>
  step.allows?.length ? `Cho phép ${step.allows.map((a) => ALLOWANCE_NAMES[a]).join(', ')}` : '';

// Mermaid reads `#…;` as an entity, `;` as a statement end, `:` as the start of a label, `"` as the end of a state
// name and `<…>` as markup: write them all as Mermaid entities, in one pass so that no entity is escaped twice.
const MERMAID_ENTITIES: Record<string, string> = {
  '#': '#35;',
  ';': '#59;',
  ':': '#58;',
  '"': '#quot;',
  '<': '#lt;',
  '>': '#gt;',
};
const mermaidText = (text: string): string =>
  text.replace(/[#;:"<>]/g, (c) => MERMAID_ENTITIES[c] ?? c).replace(/\s+/g, ' ');

export function toMermaid(def: WorkflowDefinition): string {
  const lines = ['stateDiagram-v2'];
  for (const step of def.steps) {
    lines.push(`  state "${mermaidText(step.name)}" as ${step.id}`);
    for (const extra of [stepDetail(step), allowanceLine(step)].filter(Boolean)) {
      lines.push(`  ${step.id} : ${mermaidText(extra)}`);
    }
  }
  lines.push(`  [*] --> ${def.start}`);
  for (const step of def.steps) {
    for (const action of step.actions) lines.push(`  ${step.id} --> ${action.to} : ${mermaidText(action.name)}`);
    if (step.terminal) lines.push(`  ${step.id} --> [*]`);
  }
  return `${lines.join('\n')}\n`;
}

const xml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

interface Box {
  step: StepDefinition;
  x: number;
  y: number;
  width: number;
}

const NODE_HEIGHT = 52;
const ROW_GAP = 70;
const COLUMN_GAP = 36;
const MARGIN = 40;
const CHAR_WIDTH = 7.2; // average advance of a 13px sans-serif glyph, enough to size boxes
const START_SPACE = 40;
// Room on the left for edges that skip rows, and on the right for edges that go back up.
const LEFT_GUTTER = 190;
const RIGHT_GUTTER = 160;

/** Row of each step: shortest distance from the start; terminal steps share the last row. */
function rows(def: WorkflowDefinition): StepDefinition[][] {
  const depth = new Map<string, number>([[def.start, 0]]);
  const queue = [def.start];
  for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
    const step = def.steps.find((s) => s.id === id);
    for (const action of step?.actions ?? []) {
      if (!depth.has(action.to)) {
        depth.set(action.to, (depth.get(id) ?? 0) + 1);
        queue.push(action.to);
      }
    }
  }
  const working = def.steps.filter((s) => !s.terminal);
  const last = Math.max(0, ...working.map((s) => depth.get(s.id) ?? 0)) + 1;
  const rowOf = (s: StepDefinition) => (s.terminal ? last : (depth.get(s.id) ?? last));
  const result: StepDefinition[][] = [];
  for (const step of def.steps) {
    const row = rowOf(step);
    result[row] = [...(result[row] ?? []), step];
  }
  return result.filter((row) => row.length > 0);
}

function layout(def: WorkflowDefinition): { boxes: Map<string, Box>; width: number; height: number } {
  const widthOf = (s: StepDefinition) =>
    Math.max(150, Math.ceil(Math.max(s.name.length, stepDetail(s).length * 0.85) * CHAR_WIDTH) + 28);
  const grid = rows(def);
  const rowWidths = grid.map((row) => row.reduce((sum, s) => sum + widthOf(s), 0) + COLUMN_GAP * (row.length - 1));
  const widest = Math.max(...rowWidths);
  const width = widest + 2 * MARGIN + LEFT_GUTTER + RIGHT_GUTTER;
  const boxes = new Map<string, Box>();
  grid.forEach((row, r) => {
    let x = MARGIN + LEFT_GUTTER + (widest - (rowWidths[r] ?? 0)) / 2;
    for (const step of row) {
      boxes.set(step.id, { step, x, y: MARGIN + START_SPACE + r * (NODE_HEIGHT + ROW_GAP), width: widthOf(step) });
      x += widthOf(step) + COLUMN_GAP;
    }
  });
  return { boxes, width, height: MARGIN * 2 + START_SPACE + grid.length * (NODE_HEIGHT + ROW_GAP) - ROW_GAP };
}

function edge(from: Box, to: Box, label: string, index: number, lane: () => number): string {
  const rowsDown = Math.round((to.y - from.y) / (NODE_HEIGHT + ROW_GAP));
  if (rowsDown === 1) {
    const x1 = from.x + from.width / 2 + index * 10;
    const x2 = to.x + to.width / 2;
    const y1 = from.y + NODE_HEIGHT;
    // Labels of edges fanning out sit beside their line, on its outer side, where the lines have drawn apart.
    const side = x2 < x1 - 5 ? 'left' : x2 > x1 + 5 ? 'right' : 'middle';
    const t = side === 'middle' ? 0.5 : 0.6;
    const lx = x1 + (x2 - x1) * t + (side === 'left' ? -6 : side === 'right' ? 6 : 0);
    const path = `M ${round(x1)} ${y1} L ${round(x2)} ${to.y}`;
    return arrow(path, label, lx, y1 + (to.y - y1) * t + 4 + index * 14, side);
  }
  if (rowsDown > 1) {
    // Edges that skip rows run down the left gutter so that they cross no step.
    const x = lane();
    const y1 = from.y + NODE_HEIGHT / 2;
    const path = `M ${round(from.x)} ${y1} C ${x} ${y1}, ${x} ${to.y - 40}, ${round(to.x + 20)} ${to.y}`;
    return arrow(path, label, x, y1 + 34);
  }
  // Back, sideways and self edges leave from the right side and come back to the right side of the target.
  const x1 = from.x + from.width;
  const x2 = to.x + to.width;
  const y1 = from.y + NODE_HEIGHT / 2 + 6;
  const y2 = to.y + NODE_HEIGHT / 2 - 6;
  const bulge = Math.max(x1, x2) + 50 + index * 24;
  const path = `M ${round(x1)} ${y1} C ${round(bulge)} ${y1}, ${round(bulge)} ${y2}, ${round(x2)} ${y2}`;
  return arrow(path, label, bulge - 10, (y1 + y2) / 2);
}

const arrow = (path: string, label: string, lx: number, ly: number, side = 'middle'): string =>
  `<path class="edge" d="${path}" marker-end="url(#arrow)"/>` +
  `<text class="label ${side}" x="${round(lx)}" y="${round(ly)}">${xml(label)}</text>`;

const round = (n: number) => Math.round(n * 10) / 10;

function node(box: Box): string {
  const { step, x, y, width } = box;
  const kind = step.terminal ? ` end ${step.status}` : '';
  const detail = stepDetail(step);
  return [
    `<g class="step${kind}" id="step-${step.id}">`,
    `<rect x="${round(x)}" y="${y}" width="${width}" height="${NODE_HEIGHT}" rx="${step.terminal ? 26 : 8}"/>`,
    `<text class="name" x="${round(x + width / 2)}" y="${y + (detail ? 22 : 31)}">${xml(step.name)}</text>`,
    detail ? `<text class="detail" x="${round(x + width / 2)}" y="${y + 40}">${xml(detail)}</text>` : '',
    '</g>',
  ].join('');
}

const STYLE = [
  'text{font-family:"Noto Sans","Segoe UI",Arial,sans-serif;text-anchor:middle}',
  '.step rect{fill:#f4f7fb;stroke:#3a5a80;stroke-width:1.5}',
  '.step.end rect{stroke-width:3}',
  '.step.returned rect{fill:#e7f5ea;stroke:#2e7d32}',
  '.step.refused rect,.step.withdrawn rect,.step.cancelled rect{fill:#fdecea;stroke:#c62828}',
  '.name{font-size:13px;font-weight:600;fill:#1b2a3a}',
  '.detail{font-size:11px;fill:#4a5a6a}',
  '.edge{fill:none;stroke:#6b7c8f;stroke-width:1.3}',
  '.label{font-size:11px;fill:#23344a;paint-order:stroke;stroke:#fff;stroke-width:3px}',
  '.label.left{text-anchor:end}.label.right{text-anchor:start}',
  '.start{fill:#1b2a3a}',
].join('');

/** A self-contained SVG document of the workflow. */
export function toSvg(def: WorkflowDefinition): string {
  const { boxes, width, height } = layout(def);
  const edges: string[] = [];
  const drawn = new Map<string, number>();
  let lanes = 0;
  const lane = () => MARGIN + LEFT_GUTTER - 40 - 26 * lanes++;
  for (const step of def.steps) {
    for (const action of step.actions) {
      const from = boxes.get(step.id);
      const to = boxes.get(action.to);
      if (!from || !to) continue;
      const pair = `${step.id}>${action.to}`;
      const index = drawn.get(pair) ?? 0;
      drawn.set(pair, index + 1);
      edges.push(edge(from, to, action.name, index, lane));
    }
  }
  const start = boxes.get(def.start);
  const startMark = start
    ? `<circle class="start" cx="${round(start.x + start.width / 2)}" cy="${MARGIN}" r="8"/>` +
      `<path class="edge" d="M ${round(start.x + start.width / 2)} ${MARGIN + 8} L ${round(start.x + start.width / 2)} ${start.y}" marker-end="url(#arrow)"/>`
    : '';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(width)}" height="${height}" viewBox="0 0 ${round(width)} ${height}" role="img" lang="vi">`,
    `<title>${xml(`${def.name} (phiên bản ${def.version})`)}</title>`,
    `<style>${STYLE}</style>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#6b7c8f"/></marker></defs>',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    startMark,
    ...edges,
    ...[...boxes.values()].map(node),
    '</svg>',
    '',
  ].join('\n');
}
