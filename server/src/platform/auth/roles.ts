// Roles and permissions: the one table that says who may do what. A permission is an action on a resource; a
// role grant gives its permissions within one agency, and for roles whose scope is `subtree`, within every
// agency below it as well.

export const ROLES = [
  'one_stop_officer', // cán bộ tiếp nhận (một cửa)
  'specialist', // chuyên viên thụ lý
  'department_head', // lãnh đạo phòng
  'agency_leader', // lãnh đạo cơ quan
  'clerk', // văn thư
  'reporting_officer', // cán bộ báo cáo
  'agency_admin', // quản trị cơ quan
  'system_admin', // quản trị hệ thống
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  one_stop_officer: 'Cán bộ tiếp nhận một cửa',
  specialist: 'Chuyên viên thụ lý',
  department_head: 'Lãnh đạo phòng',
  agency_leader: 'Lãnh đạo cơ quan',
  clerk: 'Văn thư',
  reporting_officer: 'Cán bộ báo cáo thống kê',
  agency_admin: 'Quản trị cơ quan',
  system_admin: 'Quản trị hệ thống',
};

export const PERMISSIONS = [
  'org.manage', // create and edit agencies and departments
  'admin_unit.manage', // create administrative units (province-wide data)
  'staff.read',
  'staff.manage', // create staff, grant and revoke roles
  'audit.read',
  'workflow.manage', // electronic workflows: the province's shared ones (system-wide grant) or an agency's own
  'calendar.manage', // working hours and holidays: the province's (system-wide grant) or an agency's override
  'catalog.manage', // procedure catalogue: drafts, publication, templates, import/export of procedures it manages
  'signing.manage', // upload, rotate and retire the signing keys of an agency and its staff
  'signing.seal', // sign with the agency's seal key; only in the agency of the grant itself (docs/signing.md)
  'dossier.read', // dossiers of the agency (subtree for leaders, reporting officers and administrators)
  'dossier.receive', // open a dossier brought to the desk or by post (one-stop officers)
  'dossier.act', // take workflow actions on dossiers; the dossier's workflow says which action each role may take
  'settings.manage', // the province's operational settings, changed at run time (always system-wide)
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  one_stop_officer: ['dossier.read', 'dossier.receive', 'dossier.act'],
  specialist: ['dossier.read', 'dossier.act'],
  department_head: ['staff.read', 'dossier.read', 'dossier.act'],
  agency_leader: ['staff.read', 'dossier.read', 'dossier.act', 'signing.seal'],
  clerk: ['dossier.read', 'dossier.act', 'signing.seal'],
  reporting_officer: ['dossier.read'],
  agency_admin: [
    'org.manage',
    'staff.read',
    'staff.manage',
    'workflow.manage',
    'calendar.manage',
    'catalog.manage',
    'dossier.read',
    'dossier.act',
    'signing.manage',
  ],
  system_admin: [
    'org.manage',
    'admin_unit.manage',
    'staff.read',
    'staff.manage',
    'audit.read',
    'workflow.manage',
    'calendar.manage',
    'catalog.manage',
    'dossier.read',
    'dossier.act',
    'signing.manage',
    'settings.manage',
  ],
};

/** Roles that reach the agencies below the one they are granted in. */
export const SUBTREE_ROLES: ReadonlySet<Role> = new Set(['agency_leader', 'reporting_officer', 'agency_admin']);

/** Roles whose grant, wherever it is held, covers the whole system. */
export const GLOBAL_ROLES: ReadonlySet<Role> = new Set(['system_admin']);

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);
