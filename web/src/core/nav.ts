// What each role finds in the navigation, and where it lands after login.
import type { Role } from './session';

export interface NavItem {
  path: string;
  label: string; // i18n key
}

const items: Record<string, NavItem> = {
  agent: { path: '/agent', label: 'core.nav.agent' },
  wallboard: { path: '/wallboard', label: 'core.nav.wallboard' },
  team: { path: '/team', label: 'core.nav.team' },
  orders: { path: '/orders', label: 'core.nav.orders' },
  cases: { path: '/cases', label: 'core.nav.cases' },
  admin: { path: '/admin', label: 'core.nav.admin' },
  scripts: { path: '/scripts', label: 'scripts.nav' }, // issue #8: scripts area
  recordings: { path: '/recordings', label: 'recordings.nav' }, // call recordings (recordings.read)
};

const byRole: Record<Role, (keyof typeof items)[]> = {
  operator: ['agent', 'recordings'],
  team_lead: ['team', 'agent', 'scripts', 'recordings'],
  supervisor: ['wallboard', 'agent', 'orders', 'cases', 'scripts', 'recordings'],
  qa: ['cases', 'scripts', 'recordings'],
  manager: ['orders', 'cases'],
  office_manager: ['cases', 'admin'],
  admin: ['admin', 'wallboard', 'orders', 'cases', 'agent', 'scripts', 'recordings'],
  director: ['wallboard', 'team', 'orders', 'cases', 'recordings'],
};

export function navFor(role: Role): NavItem[] {
  return byRole[role].map((k) => items[k]);
}

export function homeFor(role: Role): string {
  return navFor(role)[0].path;
}

export function mayVisit(role: Role, path: string): boolean {
  return navFor(role).some((item) => path === item.path || path.startsWith(`${item.path}/`));
}
