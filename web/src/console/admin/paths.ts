// Where each administration area lives under /can-bo/quan-tri, in menu order.

/** Areas for system administrators only (settings.manage); the others are for every administrator. */
export const SYSTEM_AREAS: ReadonlySet<string> = new Set(['settings']);

export const ADMIN_AREAS = [
  ['workflows', 'quy-trinh'],
  ['catalog', 'thu-tuc'],
  ['calendar', 'lich'],
  ['org', 'to-chuc'],
  ['settings', 'cai-dat'],
] as const;

export type AdminArea = (typeof ADMIN_AREAS)[number][0];

export const adminPath = (area: AdminArea, rest = '') =>
  `/can-bo/quan-tri/${ADMIN_AREAS.find(([a]) => a === area)?.[1]}${rest}`;
