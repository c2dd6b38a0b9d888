// Which administration sections a role sees, and whether it may change them.
// Mirrors docs/rbac.md; the server stays the judge and its refusals are shown.
import type { Role } from '../core/session';

export const allSections = [
  'users',
  'teams',
  'departments',
  'queues',
  'ivr',
  'codes',
  'products',
  'price-lists',
  'discounts',
  'promotions',
] as const;

export type Section = (typeof allSections)[number];

export interface SectionAccess {
  section: Section;
  edit: boolean;
}

// Read / write per section, as the actions in docs/rbac.md allow:
// users.read/manage, teams.manage, departments.read/manage, queues.manage
// (queues and IVR menus), codes.manage, catalogue.manage.
const byRole: Partial<Record<Role, SectionAccess[]>> = {
  admin: allSections.map((section) => ({ section, edit: true })),
  office_manager: [
    { section: 'users', edit: false },
    { section: 'teams', edit: false },
    { section: 'departments', edit: true },
  ],
  director: [
    { section: 'users', edit: false },
    { section: 'teams', edit: false },
    { section: 'departments', edit: false },
  ],
};

export function sectionsFor(role: Role): SectionAccess[] {
  return byRole[role] ?? [];
}

export function mayEdit(role: Role, section: Section): boolean {
  return sectionsFor(role).some((s) => s.section === section && s.edit);
}

// The section a path /admin/<section>[/...] names, or the role's first one.
export function sectionFromPath(role: Role, path: string): Section | null {
  const visible = sectionsFor(role);
  if (visible.length === 0) return null;
  const m = /^\/admin\/([^/?#]+)/.exec(path);
  const wanted = m ? m[1] : '';
  const found = visible.find((s) => s.section === wanted);
  return (found ?? visible[0]).section;
}
