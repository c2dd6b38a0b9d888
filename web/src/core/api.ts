// The one way the app talks to the server's REST API: JSON in and out, the
// session's CSRF token on every state change, and every refusal turned into
// an ApiError that carries the server's own words (problem+json `detail`).
// A 401 on anything but the login itself marks the session as ended, so the
// app can ask for the password again without unmounting the screen (and
// without losing what the user typed).

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;

  constructor(status: number, title: string, detail: string) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail || title;
  }
}

type Listener = () => void;

let csrfToken = '';
const unauthorizedListeners = new Set<Listener>();

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

// Called when the server answers 401 (the session ended or was revoked).
export function onUnauthorized(listener: Listener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

// The query string for a record of optional parameters ('' / undefined / null are left out).
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}

// Turns a failed response into an ApiError (problem+json when the server sent one).
export async function errorFrom(response: Response): Promise<ApiError> {
  let title = response.statusText || `HTTP ${response.status}`;
  let detail = '';
  try {
    const body = await response.json();
    if (body && typeof body === 'object') {
      if (typeof body.title === 'string') title = body.title;
      if (typeof body.detail === 'string') detail = body.detail;
    }
  } catch {
    // not JSON: keep the status line
  }
  return new ApiError(response.status, title, detail);
}

export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'Network error', 'network');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && path !== '/api/login') unauthorizedListeners.forEach((l) => l());
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  if (type.includes('json')) return (await response.json()) as T;
  return (await response.text()) as unknown as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};
