/**
 * Browser-side fetch for our JSON routes: returns the parsed body or the error contract, never throws
 * for an HTTP error, and turns a network failure into a readable message.
 */
export type ApiError = {
  code: string;
  message: string;
  details?: { fields?: Record<string, string[]> } & Record<string, unknown>;
};
export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; error: ApiError };

export async function apiFetch<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    return {
      ok: false,
      status: 0,
      error: { code: 'NETWORK', message: 'Could not reach the server. Check your connection and try again.' },
    };
  }
  const data = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: data as T };
  const error = (data as { error?: ApiError } | null)?.error ?? {
    code: 'INTERNAL',
    message: `The server answered ${res.status}.`,
  };
  return { ok: false, status: res.status, error };
}

export function fieldErrors(r: ApiResult<unknown>): Record<string, string[]> {
  return r.ok ? {} : (r.error.details?.fields ?? {});
}

/** A fresh idempotency key per user action (a retried request with the same key is applied once). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // randomUUID needs a secure context; plain http on a LAN address does not have one.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}
