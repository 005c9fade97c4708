// Demo data: Bạc Liêu province as its 2021 structure stood (three levels: province, district, commune), and the
// two-level structure of 1 July 2025 in which Bạc Liêu became part of Cà Mau. Province and district codes are the
// General Statistics Office's; commune codes and every agency identifier below the province are illustrative
// (QCVN 102 leaves their assignment to the province), so the demo does not pass them off as official.
import type { Kysely } from 'kysely';
import { Actor, type Grant } from '../../platform/auth/actor.ts';
import type { Role } from '../../platform/auth/roles.ts';
import type { AppContext } from '../../platform/context.ts';
import { runChange } from '../../platform/context.ts';
import type { DB } from '../../platform/db/schema.ts';
import { DEMO_PASSWORD, hashPassword } from '../access/password.ts';
import { linkAgency } from './store.ts';

const THREE_LEVEL_END = '2025-07-01';

interface UnitSeed {
  code: string;
  name: string;
  level: 'province' | 'district' | 'commune';
  kind: string;
  parent?: string;
  validFrom: string;
  validTo?: string;
}

export const DEMO_UNITS: UnitSeed[] = [
  {
    code: '95',
    name: 'Tỉnh Bạc Liêu',
    level: 'province',
    kind: 'tỉnh',
    validFrom: '1997-01-01',
    validTo: THREE_LEVEL_END,
  },
  { code: '96', name: 'Tỉnh Cà Mau', level: 'province', kind: 'tỉnh', validFrom: '1997-01-01' },
  ...(
    [
      ['954', 'Thành phố Bạc Liêu', 'thành phố'],
      ['956', 'Huyện Hồng Dân', 'huyện'],
      ['957', 'Huyện Phước Long', 'huyện'],
      ['958', 'Huyện Vĩnh Lợi', 'huyện'],
      ['959', 'Thị xã Giá Rai', 'thị xã'],
      ['960', 'Huyện Đông Hải', 'huyện'],
      ['961', 'Huyện Hòa Bình', 'huyện'],
    ] as const
  ).map(([code, name, kind]) => ({
    code,
    name,
    level: 'district' as const,
    kind,
    parent: '95',
    validFrom: '1997-01-01',
    validTo: THREE_LEVEL_END,
  })),
  ...(
    [
      ['31813', 'Phường 1', 'phường', '954'],
      ['31816', 'Phường 2', 'phường', '954'],
      ['31825', 'Phường 7', 'phường', '954'],
      ['31840', 'Xã Hiệp Thành', 'xã', '954'],
      ['31843', 'Thị trấn Châu Hưng', 'thị trấn', '958'],
      ['31942', 'Phường 1', 'phường', '959'],
      ['31951', 'Thị trấn Gành Hào', 'thị trấn', '960'],
    ] as const
  ).map(([code, name, kind, parent]) => ({
    code,
    name,
    level: 'commune' as const,
    kind,
    parent,
    validFrom: '1997-01-01',
    validTo: THREE_LEVEL_END,
  })),
  // After 1 July 2025: communes directly under the province (two-level local government).
  {
    code: '32501',
    name: 'Phường Bạc Liêu',
    level: 'commune',
    kind: 'phường',
    parent: '96',
    validFrom: THREE_LEVEL_END,
  },
  { code: '32502', name: 'Phường Giá Rai', level: 'commune', kind: 'phường', parent: '96', validFrom: THREE_LEVEL_END },
];

interface AgencySeed {
  key: string;
  identifier: string;
  name: string;
  shortName?: string;
  kind: string;
  parent?: string;
  unit: string;
  departments?: [code: string, name: string][];
}

const DISTRICTS = [
  ['tpbl', '11', '954', 'thành phố Bạc Liêu'],
  ['giarai', '12', '959', 'thị xã Giá Rai'],
  ['vinhloi', '13', '958', 'huyện Vĩnh Lợi'],
  ['hoabinh', '14', '961', 'huyện Hòa Bình'],
  ['donghai', '15', '960', 'huyện Đông Hải'],
  ['phuoclong', '16', '957', 'huyện Phước Long'],
  ['hongdan', '17', '956', 'huyện Hồng Dân'],
] as const;

const SO = (key: string, jj: string, name: string, shortName: string, departments: [string, string][]): AgencySeed => ({
  key,
  identifier: `000.00.${jj}.H05`,
  name,
  shortName,
  kind: 'department',
  parent: 'ubnd',
  unit: '95',
  departments,
});

export const DEMO_AGENCIES: AgencySeed[] = [
  {
    key: 'ubnd',
    identifier: '000.00.00.H05',
    name: 'Ủy ban nhân dân tỉnh Bạc Liêu',
    shortName: 'UBND tỉnh',
    kind: 'peoples_committee',
    unit: '95',
  },
  {
    key: 'vp',
    identifier: '000.00.01.H05',
    name: 'Văn phòng Ủy ban nhân dân tỉnh Bạc Liêu',
    shortName: 'VP UBND tỉnh',
    kind: 'office',
    parent: 'ubnd',
    unit: '95',
    departments: [
      ['HCTC', 'Phòng Hành chính - Tổ chức'],
      ['KSTT', 'Phòng Kiểm soát thủ tục hành chính'],
    ],
  },
  {
    key: 'ttpvhcc',
    identifier: '000.00.02.H05',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Bạc Liêu',
    shortName: 'TTPVHCC tỉnh',
    kind: 'service_centre',
    parent: 'vp',
    unit: '95',
    departments: [['TNTKQ', 'Bộ phận Tiếp nhận và Trả kết quả']],
  },
  SO('stp', '03', 'Sở Tư pháp tỉnh Bạc Liêu', 'Sở Tư pháp', [
    ['VP', 'Văn phòng Sở'],
    ['HCTP', 'Phòng Hành chính tư pháp'],
    ['BTTP', 'Phòng Bổ trợ tư pháp'],
  ]),
  SO('sxd', '04', 'Sở Xây dựng tỉnh Bạc Liêu', 'Sở Xây dựng', [
    ['VP', 'Văn phòng Sở'],
    ['QLXD', 'Phòng Quản lý xây dựng'],
  ]),
  SO('stnmt', '05', 'Sở Tài nguyên và Môi trường tỉnh Bạc Liêu', 'Sở TN&MT', [
    ['VP', 'Văn phòng Sở'],
    ['QLDD', 'Phòng Quản lý đất đai'],
  ]),
  SO('stttt', '06', 'Sở Thông tin và Truyền thông tỉnh Bạc Liêu', 'Sở TT&TT', [
    ['VP', 'Văn phòng Sở'],
    ['CNTT', 'Phòng Công nghệ thông tin'],
  ]),
  SO('skhdt', '07', 'Sở Kế hoạch và Đầu tư tỉnh Bạc Liêu', 'Sở KH&ĐT', [
    ['VP', 'Văn phòng Sở'],
    ['DKKD', 'Phòng Đăng ký kinh doanh'],
  ]),
  SO('sldtbxh', '08', 'Sở Lao động - Thương binh và Xã hội tỉnh Bạc Liêu', 'Sở LĐ-TB&XH', [
    ['VP', 'Văn phòng Sở'],
    ['BTXH', 'Phòng Bảo trợ xã hội'],
  ]),
  ...DISTRICTS.flatMap(([key, jj, unit, name]): AgencySeed[] => [
    {
      key,
      identifier: `000.00.${jj}.H05`,
      name: `Ủy ban nhân dân ${name}`,
      shortName: `UBND ${name}`,
      kind: 'peoples_committee',
      parent: 'ubnd',
      unit,
      departments: [
        ['TP', 'Phòng Tư pháp'],
        ['TNMT', 'Phòng Tài nguyên và Môi trường'],
        ['QLDT', 'Phòng Quản lý đô thị'],
        ['VP', 'Văn phòng HĐND và UBND'],
      ],
    },
    {
      key: `${key}-motcua`,
      identifier: `000.01.${jj}.H05`,
      name: `Bộ phận Tiếp nhận và Trả kết quả ${name}`,
      shortName: `Một cửa ${name}`,
      kind: 'one_stop_desk',
      parent: key,
      unit,
    },
  ]),
  {
    key: 'p1-tpbl',
    identifier: '000.02.11.H05',
    name: 'Ủy ban nhân dân Phường 1, thành phố Bạc Liêu',
    shortName: 'UBND Phường 1',
    kind: 'peoples_committee',
    parent: 'tpbl',
    unit: '31813',
  },
  {
    key: 'p2-tpbl',
    identifier: '000.03.11.H05',
    name: 'Ủy ban nhân dân Phường 2, thành phố Bạc Liêu',
    shortName: 'UBND Phường 2',
    kind: 'peoples_committee',
    parent: 'tpbl',
    unit: '31816',
  },
  {
    key: 'hiepthanh',
    identifier: '000.04.11.H05',
    name: 'Ủy ban nhân dân xã Hiệp Thành',
    shortName: 'UBND xã Hiệp Thành',
    kind: 'peoples_committee',
    parent: 'tpbl',
    unit: '31840',
  },
  {
    key: 'chauhung',
    identifier: '000.02.13.H05',
    name: 'Ủy ban nhân dân thị trấn Châu Hưng',
    shortName: 'UBND TT Châu Hưng',
    kind: 'peoples_committee',
    parent: 'vinhloi',
    unit: '31843',
  },
  {
    key: 'ganhhao',
    identifier: '000.02.15.H05',
    name: 'Ủy ban nhân dân thị trấn Gành Hào',
    shortName: 'UBND TT Gành Hào',
    kind: 'peoples_committee',
    parent: 'donghai',
    unit: '31951',
  },
];

interface StaffSeed {
  username: string;
  fullName: string;
  position: string;
  agency: string;
  department?: string;
  roles: [Role, string][];
}

const person = (
  username: string,
  fullName: string,
  position: string,
  agency: string,
  role: Role,
  department?: string,
): StaffSeed => ({
  username,
  fullName,
  position,
  agency,
  ...(department ? { department } : {}),
  roles: [[role, agency]],
});

export const DEMO_STAFF: StaffSeed[] = [
  person('admin', 'Nguyễn Văn Quản', 'Quản trị hệ thống', 'stttt', 'system_admin', 'CNTT'),
  person('lanhdao.tinh', 'Trần Thị Thu Hằng', 'Phó Chủ tịch UBND tỉnh', 'ubnd', 'agency_leader'),
  person('baocao.tinh', 'Lê Minh Tâm', 'Chuyên viên Phòng Kiểm soát TTHC', 'vp', 'reporting_officer', 'KSTT'),
  person('vanthu.tinh', 'Phạm Thị Ngọc', 'Văn thư Văn phòng UBND tỉnh', 'vp', 'clerk', 'HCTC'),
  person(
    'motcua.tinh',
    'Huỳnh Thị Mai',
    'Cán bộ Trung tâm Phục vụ hành chính công',
    'ttpvhcc',
    'one_stop_officer',
    'TNTKQ',
  ),
  person('quantri.stp', 'Võ Thanh Bình', 'Quản trị hệ thống Sở Tư pháp', 'stp', 'agency_admin', 'VP'),
  person('chuyenvien.stp', 'Đặng Thị Kim Loan', 'Chuyên viên Phòng Hành chính tư pháp', 'stp', 'specialist', 'HCTP'),
  person('truongphong.stp', 'Ngô Văn Hùng', 'Trưởng phòng Hành chính tư pháp', 'stp', 'department_head', 'HCTP'),
  person('giamdoc.stp', 'Lý Thị Phương', 'Giám đốc Sở Tư pháp', 'stp', 'agency_leader'),
  person('vanthu.stp', 'Trương Văn Lộc', 'Văn thư Sở Tư pháp', 'stp', 'clerk', 'VP'),
  person('chuyenvien.sxd', 'Châu Minh Đức', 'Chuyên viên Phòng Quản lý xây dựng', 'sxd', 'specialist', 'QLXD'),
  {
    ...person(
      'motcua.tpbl',
      'Nguyễn Thị Hồng Nhung',
      'Cán bộ một cửa thành phố Bạc Liêu',
      'tpbl-motcua',
      'one_stop_officer',
    ),
    // Also receives and returns the dossiers of the city's People's Committee itself (the demo dossiers do).
    roles: [
      ['one_stop_officer', 'tpbl-motcua'],
      ['one_stop_officer', 'tpbl'],
    ],
  },
  person('chuyenvien.tpbl', 'Trần Quốc Việt', 'Chuyên viên Phòng Tư pháp', 'tpbl', 'specialist', 'TP'),
  person('truongphong.tpbl', 'Lâm Văn Sang', 'Trưởng phòng Tư pháp', 'tpbl', 'department_head', 'TP'),
  person('lanhdao.tpbl', 'Đỗ Thị Bích Vân', 'Phó Chủ tịch UBND thành phố', 'tpbl', 'agency_leader'),
  person('vanthu.tpbl', 'Phan Văn Khải', 'Văn thư UBND thành phố', 'tpbl', 'clerk', 'VP'),
  person('baocao.tpbl', 'Hồ Thị Yến', 'Chuyên viên Văn phòng HĐND và UBND', 'tpbl', 'reporting_officer', 'VP'),
  person('quantri.tpbl', 'Mai Thanh Tùng', 'Quản trị hệ thống UBND thành phố', 'tpbl', 'agency_admin', 'VP'),
  person('motcua.giarai', 'Kim Thị Sa Rết', 'Cán bộ một cửa thị xã Giá Rai', 'giarai-motcua', 'one_stop_officer'),
  person('motcua.p1', 'Tô Thị Thanh Thúy', 'Công chức Tư pháp - Hộ tịch Phường 1', 'p1-tpbl', 'one_stop_officer'),
  person('chuyenvien.p1', 'Dương Văn Thắng', 'Công chức Địa chính - Xây dựng Phường 1', 'p1-tpbl', 'specialist'),
  person('lanhdao.p1', 'Quách Văn Tài', 'Chủ tịch UBND Phường 1', 'p1-tpbl', 'agency_leader'),
];

/** Seeds the demo organisation once; later runs find the province and do nothing. Returns whether it seeded. */
export async function seedDemoOrg(ctx: AppContext): Promise<boolean> {
  const seeded = await ctx.database.db
    .selectFrom('agency')
    .select('id')
    .where('identifier', '=', '000.00.00.H05')
    .executeTakeFirst();
  if (seeded) return false;
  // One hash for every demo account: they share the demo password, which production refuses (see main.ts).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await runChange(ctx, { actor: null, requestId: null }, async ({ trx, audit }) => {
    const units = await insertUnits(trx);
    const agencies = await insertAgencies(trx, units);
    await insertStaff(trx, agencies, passwordHash);
    audit('seed.demo_org', 'system', null, {
      units: units.size,
      agencies: DEMO_AGENCIES.length,
      staff: DEMO_STAFF.length,
    });
  });
  return true;
}

async function insertUnits(trx: Kysely<DB>): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const u of DEMO_UNITS) {
    const row = await trx
      .insertInto('admin_unit')
      .values({
        code: u.code,
        name: u.name,
        level: u.level,
        kind: u.kind,
        parent_id: u.parent ? ids.get(u.parent)! : null,
        valid_from: u.validFrom,
        valid_to: u.validTo ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(u.code, row.id);
  }
  return ids;
}

type AgencyIds = Map<string, { id: string; departments: Map<string, string> }>;

async function insertAgencies(trx: Kysely<DB>, units: Map<string, string>): Promise<AgencyIds> {
  const ids: AgencyIds = new Map();
  for (const a of DEMO_AGENCIES) {
    const parentId = a.parent ? ids.get(a.parent)!.id : null;
    const { id } = await trx
      .insertInto('agency')
      .values({
        identifier: a.identifier,
        name: a.name,
        short_name: a.shortName ?? null,
        kind: a.kind,
        parent_id: parentId,
        admin_unit_id: units.get(a.unit) ?? null,
        valid_from: '2021-01-01',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await linkAgency(trx, id, parentId);
    const departments = new Map<string, string>();
    for (const [code, name] of a.departments ?? []) {
      const dep = await trx
        .insertInto('department')
        .values({ agency_id: id, code, name })
        .returning('id')
        .executeTakeFirstOrThrow();
      departments.set(code, dep.id);
    }
    ids.set(a.key, { id, departments });
  }
  return ids;
}

async function insertStaff(trx: Kysely<DB>, agencies: AgencyIds, passwordHash: string): Promise<void> {
  for (const s of DEMO_STAFF) {
    const agency = agencies.get(s.agency)!;
    const { id } = await trx
      .insertInto('staff')
      .values({
        username: s.username,
        full_name: s.fullName,
        position: s.position,
        email: `${s.username}@baclieu.gov.vn`,
        agency_id: agency.id,
        department_id: s.department ? agency.departments.get(s.department)! : null,
        password_hash: passwordHash,
        demo_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [role, agencyKey] of s.roles) {
      await trx
        .insertInto('role_grant')
        .values({ staff_id: id, role, agency_id: agencies.get(agencyKey)!.id })
        .execute();
    }
  }
}

/** The demo accounts as signed-in staff, by user name: the demo seeds act through the services as they would. */
export async function demoActors(ctx: AppContext): Promise<Map<string, Actor>> {
  const rows = await ctx.database.db
    .selectFrom('staff')
    .innerJoin('role_grant', 'role_grant.staff_id', 'staff.id')
    .select(['staff.id', 'staff.username', 'staff.full_name', 'role_grant.role', 'role_grant.agency_id'])
    .execute();
  const grants = new Map<string, { id: string; fullName: string; grants: Grant[] }>();
  for (const row of rows) {
    const entry = grants.get(row.username) ?? { id: row.id, fullName: row.full_name, grants: [] };
    entry.grants.push({ role: row.role as Grant['role'], agencyId: row.agency_id });
    grants.set(row.username, entry);
  }
  return new Map([...grants].map(([u, g]) => [u, new Actor(g.id, u, g.fullName, g.grants)]));
}
