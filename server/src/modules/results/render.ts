// A result document rendered from its template and the dossier's view, through the paperwork module's layout kit
// (Decree 30: heading, title, paragraphs, signature row), with the room each signer's digital signature will take.
// Pure apart from pdfkit: the same template, view and date give the same bytes.
import { Paper, type SignatureSlot } from '../paperwork/paper.ts';
import { type Block, fill, type ResultView, type TemplateDefinition } from './template.ts';

export interface RenderInput {
  definition: TemplateDefinition;
  view: ResultView;
  /** The document's title in the PDF's metadata. */
  title: string;
  /** The moment of issue: the metadata dates (the date line comes from the view). */
  issuedAt: Date;
  /** The size of a signer's signature appearance (the signing module's). */
  slot: { width: number; height: number };
}

export async function renderResult(input: RenderInput): Promise<{ pdf: Buffer; slots: SignatureSlot[] }> {
  const { definition } = input;
  const paper = new Paper({ size: definition.paper, title: input.title, issuedAt: input.issuedAt });
  const slots: SignatureSlot[] = [];
  for (const block of definition.blocks) slots.push(...draw(paper, block, input));
  return { pdf: await paper.bytes(), slots };
}

function draw(paper: Paper, block: Block, { view, slot }: RenderInput): SignatureSlot[] {
  const text = (t: string) => fill(t, view);
  const v = view.values;
  switch (block.type) {
    case 'heading':
      paper.heading({
        ...(v['agency.superior'] ? { superior: v['agency.superior'] } : {}),
        agency: v['agency.name'] ?? '',
        ...(v['document.numberSymbol'] ? { number: `Số: ${v['document.numberSymbol']}` } : {}),
        place: v['agency.place'] ?? '',
        dateLine: `${v['agency.place'] ?? ''}, ${v['document.writtenDate'] ?? ''}`,
      });
      return [];
    case 'title':
      paper.title(text(block.text), ...(block.lines ?? []).map(text));
      return [];
    case 'paragraph':
      paper.paragraph(text(block.text), block.style ?? 'regular', block.indent ?? 0);
      return [];
    case 'field':
      paper.field(text(block.label), text(block.value));
      return [];
    case 'table':
      paper.table(
        block.columns.map((c) => ({ header: text(c.header), width: c.width, ...(c.align ? { align: c.align } : {}) })),
        block.rows.map((row) => row.map(text)),
      );
      return [];
    case 'signature':
      return paper.signingRow(
        block.signers.map((s) => (s.authority ? { authority: text(s.authority) } : {})),
        slot,
        block.recipients?.map(text),
      );
  }
}
