// What each role sees in the console: the sections of the staff member's roles at the agency they work at now.
// The server decides what anyone may do; this only keeps each person's menu to their daily work.

export type Section = 'desk' | 'queues' | 'dashboard' | 'admin';

/** Sections in menu order; the first one a person has is where they land. */
export const SECTIONS: readonly Section[] = ['desk', 'queues', 'dashboard', 'admin'];

export const SECTION_PATHS: Record<Section, string> = {
  desk: '/can-bo/tiep-nhan',
  queues: '/can-bo/hang-doi',
  dashboard: '/can-bo/tong-hop',
  admin: '/can-bo/quan-tri',
};

const SECTIONS_OF_ROLE: Record<string, readonly Section[]> = {
  one_stop_officer: ['desk', 'queues'],
  specialist: ['queues'],
  department_head: ['queues'],
  agency_leader: ['queues', 'dashboard'],
  clerk: ['queues'],
  reporting_officer: ['dashboard'],
  agency_admin: ['admin'],
  system_admin: ['admin'],
};

export function sectionsOf(roles: readonly string[]): Section[] {
  const held = new Set(roles.flatMap((role) => SECTIONS_OF_ROLE[role] ?? []));
  return SECTIONS.filter((s) => held.has(s));
}

/** Roles with queues of their own (list.ts: operational roles); the others search the dossiers they may read. */
const OPERATIONAL = new Set(['one_stop_officer', 'specialist', 'department_head', 'agency_leader', 'clerk']);

export const hasQueues = (roles: readonly string[]) => roles.some((r) => OPERATIONAL.has(r));

/** Only these roles may change the calendar and the workflows (server/src/platform/auth/roles.ts). */
export const isAdministrator = (roles: readonly string[]) =>
  roles.includes('agency_admin') || roles.includes('system_admin');
