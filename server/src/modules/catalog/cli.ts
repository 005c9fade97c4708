// `congso catalog import <file>` and `congso catalog export <file> [--format json|xlsx]`: the catalogue's
// exchange files from the command line, as the system (no agency scope). Progress goes to stderr.
import { readFile, writeFile } from 'node:fs/promises';
import type { AppContext } from '../../platform/context.ts';
import { Problem } from '../../platform/http/problem.ts';
import { type ExchangeFormat, exportCatalog, importCatalog, type Progress } from './exchange.ts';

export const CATALOG_USAGE = `  catalog import F              nhập danh mục thủ tục từ tệp F (.json hoặc .xlsx)
  catalog export F [--format json|xlsx]   xuất danh mục thủ tục ra tệp F`;

const PHASES = { check: 'kiểm tra', write: 'ghi' } as const;

/** A progress line that rewrites itself, about a hundred times per phase at most. */
function progressLine(): Progress {
  let shown = '';
  return (phase, done, total) => {
    const step = Math.max(1, Math.floor(total / 100));
    if (done % step !== 0 && done !== total) return;
    const line = `${PHASES[phase]}: ${done}/${total} thủ tục`;
    if (line === shown) return;
    shown = line;
    process.stderr.write(`\r${line}   ${done === total ? '\n' : ''}`);
  };
}

const formatOf = (file: string, flag: string | undefined): ExchangeFormat =>
  flag === 'xlsx' || flag === 'json' ? flag : file.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'json';

export async function catalogCommand(ctx: AppContext, args: string[]): Promise<number> {
  const [sub, file, ...rest] = args;
  const flag = rest[0] === '--format' ? rest[1] : undefined;
  if (!file || (sub !== 'import' && sub !== 'export')) {
    console.error(`Cách dùng:\n${CATALOG_USAGE}`);
    return 2;
  }
  const format = formatOf(file, flag);
  if (sub === 'export') {
    const out = await exportCatalog(ctx, null, format);
    await writeFile(file, out.body);
    console.log(`Đã xuất danh mục ra ${file} (${out.body.length} byte).`);
    return 0;
  }
  const bytes = await readFile(file);
  const input = format === 'xlsx' ? { format, bytes } : { format, data: JSON.parse(bytes.toString('utf8')) as unknown };
  try {
    const report = await importCatalog(ctx, { actor: null, requestId: null }, input, progressLine());
    console.log(
      `Đã nhập: ${report.created.length} thủ tục mới, ${report.updated.length} cập nhật, ${report.unchanged.length} không đổi.`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    console.error(`\n${err.title}`);
    for (const e of err.errors ?? []) console.error(`  ${e.field}: ${e.message}`);
    return 1;
  }
}
