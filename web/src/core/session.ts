// Who is signed in. `me` is null until the login (or a reload's /api/me)
// succeeds; `expired` is set when the server answers 401 mid-session, and the
// app then asks for the password again over the current screen.
import { signal } from '@preact/signals';
import { api, onUnauthorized, setCsrfToken } from './api';

export type Role =
  | 'operator'
  | 'team_lead'
  | 'supervisor'
  | 'qa'
  | 'manager'
  | 'office_manager'
  | 'admin'
  | 'director';

export interface Me {
  id: number;
  login: string;
  name: string;
  role: Role;
  team: number | null;
  led_teams: number[];
  tenants: number[];
  agent: number;
  csrf_token?: string;
}

export const me = signal<Me | null>(null);
export const expired = signal(false);
export const restoring = signal(true);

onUnauthorized(() => {
  if (me.value) expired.value = true;
});

function adopt(user: Me): Me {
  setCsrfToken(user.csrf_token ?? '');
  expired.value = false;
  me.value = user;
  return user;
}

export async function login(loginName: string, password: string): Promise<Me> {
  return adopt(await api.post<Me>('/api/login', { login: loginName, password }));
}

// On page load: a still valid session cookie signs the user in again.
export async function restore(): Promise<void> {
  try {
    adopt(await api.get<Me>('/api/me'));
  } catch {
    me.value = null;
  } finally {
    restoring.value = false;
  }
}

export async function logout(): Promise<void> {
  try {
    await api.post('/api/logout');
  } finally {
    setCsrfToken('');
    me.value = null;
    expired.value = false;
  }
}
