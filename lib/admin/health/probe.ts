import { DEFAULT_TIMEOUT_MS } from './types';

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`No answer within ${ms} ms (timed out)`);
    this.name = 'ProbeTimeout';
  }
}

/** Runs `fn` with a deadline; returns the elapsed milliseconds. The signal aborts a fetch at the deadline. */
export async function timed<T>(
  fn: (signal: AbortSignal) => Promise<T>,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ value: T; ms: number }> {
  const controller = new AbortController();
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ProbeTimeout(timeoutMs));
    }, timeoutMs);
  });
  try {
    const value = await Promise.race([fn(controller.signal), deadline]);
    return { value, ms: Math.round(performance.now() - started) };
  } finally {
    clearTimeout(timer);
  }
}

/** A message from a provider's error body: `{error: {message}}`, `{message}`, `{Message}` or text. */
function bodyMessage(text: string): string {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const e = j.error as Record<string, unknown> | string | undefined;
    const m = (typeof e === 'object' && e ? e.message : e) ?? j.message ?? j.Message;
    if (typeof m === 'string' && m) return m;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

/** GET a URL with headers; a non-2xx answer throws with the status and the provider's message. */
export async function httpProbe(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const res = await fetch(url, { headers, signal, cache: 'no-store' });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${bodyMessage(text)}` : ''}`);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return text;
  }
}

export function errorMessage(err: unknown): string {
  if (err instanceof ProbeTimeout) return err.message;
  const e = err as { message?: unknown; cause?: { code?: unknown; message?: unknown } };
  const cause = e?.cause?.code ?? e?.cause?.message;
  const msg = typeof e?.message === 'string' ? e.message : String(err);
  return cause ? `${msg} (${String(cause)})` : msg;
}
