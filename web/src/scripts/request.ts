// Validation and publishing answer a `problems` list that the editor places
// at the steps, also with a 400 — but core/api.ts keeps only the refusal's
// `detail`. This sends such a request itself (same cookie and CSRF token)
// and gives back the status and the whole body. (Wish for core: ApiError
// carrying the parsed body.)
import { api, ApiError } from '../core/api';
import { me } from '../core/session';

export interface Answer {
  ok: boolean;
  status: number;
  body: unknown;
  error: ApiError | null; // set when !ok
}

export async function send(method: 'POST' | 'PUT', path: string, body: unknown): Promise<Answer> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Content-Type': 'application/json' };
  const token = me.value?.csrf_token;
  if (token) headers['X-CSRF-Token'] = token;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: JSON.stringify(body), credentials: 'same-origin' });
  } catch {
    return { ok: false, status: 0, body: null, error: new ApiError(0, 'Network error', 'network') };
  }
  let parsed: unknown = null;
  try {
    const text = await response.text();
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed, error: null };
  if (response.status === 401) {
    // Lets the shell notice the ended session (core/api.ts tells it on a 401).
    void api.get('/api/me').catch(() => undefined);
  }
  const p = (parsed && typeof parsed === 'object' ? parsed : {}) as { title?: unknown; detail?: unknown };
  const title = typeof p.title === 'string' ? p.title : response.statusText || `HTTP ${response.status}`;
  const detail = typeof p.detail === 'string' ? p.detail : '';
  return { ok: false, status: response.status, body: parsed, error: new ApiError(response.status, title, detail) };
}
