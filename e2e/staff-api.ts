// The office's side of a journey, through the staff API as a member of staff's browser would call it: a session
// cookie, the CSRF token on every write, an Idempotency-Key on every workflow action.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';

const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'congso-demo';

export class Staff {
  private constructor(
    readonly username: string,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(username: string): Promise<Staff> {
    const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    if (!res.ok) throw new Error(`${username} sign-in: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return new Staff(username, cookie, csrfToken);
  }

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const form = body instanceof FormData;
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'x-csrf-token': this.csrfToken,
        ...(body === undefined || form ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : form ? body : JSON.stringify(body),
    });
  }

  /** The JSON answer of a request that must succeed. */
  async json<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await this.request(method, path, body);
    if (!res.ok) throw new Error(`${this.username} ${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** A workflow action on a dossier, once (a fresh Idempotency-Key). */
  act(dossierId: string, action: string, input: Record<string, unknown> = {}) {
    return this.request('POST', `/api/v1/dossiers/${dossierId}/actions/${action}`, input, {
      'idempotency-key': randomUUID(),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`${this.username} ${action}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { status: string; code: string | null; trackingSecret?: string };
    });
  }
}
