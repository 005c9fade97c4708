// `congso workflow migrate <code> --from N --mapping F.json [--apply]`: moves in-flight dossiers of workflow
// <code> from version N to the published version N+1 through the step mapping in F (old step id → new step id),
// as the operator (no agency scope). Without --apply it is a dry run: the report says what would move.
import { readFile } from 'node:fs/promises';
import type { AppContext } from '../../platform/context.ts';
import { Problem } from '../../platform/http/problem.ts';
import { describeMigration, type StepMapping } from '../workflow/migration.ts';
import { migrateDossiers } from './migration.ts';

export const WORKFLOW_USAGE = `  workflow migrate C --from N --mapping F.json [--apply]
                 chuyển hồ sơ đang giải quyết theo quy trình C từ phiên bản N sang N+1 theo bảng ánh xạ bước
                 trong F ({"bước cũ": "bước mới"}); không có --apply thì chỉ chạy thử`;

interface Parsed {
  code: string;
  fromVersion: number;
  mappingFile: string;
  apply: boolean;
}

function parse(args: string[]): Parsed | null {
  const [sub, code, ...rest] = args;
  const value = (flag: string) => {
    const i = rest.indexOf(flag);
    return i >= 0 ? rest[i + 1] : undefined;
  };
  const fromVersion = Number(value('--from'));
  const mappingFile = value('--mapping');
  if (sub !== 'migrate' || !code || !Number.isInteger(fromVersion) || fromVersion < 1 || !mappingFile) return null;
  return { code, fromVersion, mappingFile, apply: rest.includes('--apply') };
}

async function readMapping(file: string): Promise<StepMapping | string> {
  let data: unknown;
  try {
    data = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    return `Không đọc được bảng ánh xạ ${file}: ${(err as Error).message}`;
  }
  const ok =
    typeof data === 'object' &&
    data !== null &&
    !Array.isArray(data) &&
    Object.values(data).every((v) => typeof v === 'string');
  return ok ? (data as StepMapping) : `Bảng ánh xạ ${file} phải là một đối tượng JSON {"bước cũ": "bước mới"}.`;
}

export async function workflowCommand(ctx: AppContext, args: string[]): Promise<number> {
  const parsed = parse(args);
  if (!parsed) {
    console.error(`Cách dùng:\n${WORKFLOW_USAGE}`);
    return 2;
  }
  const mapping = await readMapping(parsed.mappingFile);
  if (typeof mapping === 'string') {
    console.error(mapping);
    return 2;
  }
  try {
    const { code, fromVersion, apply } = parsed;
    const report = await migrateDossiers(ctx, { actor: null, requestId: null }, { code, fromVersion, mapping, apply });
    console.log(describeMigration(report.plan));
    if (!apply) {
      console.log('Chạy thử: chưa chuyển hồ sơ nào. Thêm --apply để chuyển.');
      return 0;
    }
    console.log(`Đã chuyển ${report.moved.length} hồ sơ sang phiên bản ${fromVersion + 1}.`);
    for (const c of report.changed)
      console.log(`  - ${c.dossierId} đã thay đổi trong lúc chuyển, không chuyển: ${c.reason}`);
    return 0;
  } catch (err) {
    if (!(err instanceof Problem)) throw err;
    console.error(err.title);
    for (const e of err.errors ?? []) console.error(`  ${e.field}: ${e.message}`);
    return 1;
  }
}
