/**
 * The token-renewal cadence of a call's media session, shared by the simulated stage (which runs it on
 * timers) and mirrored by the Agora stage (which is driven by the SDK's token-privilege-will-expire event,
 * fired the same 30 s early). Pure browser-safe logic: no React, no secrets.
 */

export interface RenewedToken {
  token: string;
  expiresAt: string;
}

/** Agora fires token-privilege-will-expire 30 s before expiry; the simulated stage renews just as early. */
export const RENEW_LEAD_MS = 30_000;
/** A failed renewal (network, 5xx) is retried this often while the current token is still valid. */
export const RENEW_RETRY_MS = 5_000;

export interface RenewalLoopOptions {
  expiresAt: string;
  renewToken: () => Promise<RenewedToken | null>;
  onRenewed?: (next: RenewedToken) => void;
  /** The privilege ran out without a renewal (what Agora does by dropping the user). */
  onExpired: () => void;
  now?: () => number;
}

/**
 * Renews RENEW_LEAD_MS before each expiry, rescheduling from every renewed expiresAt; retries failures
 * while time remains; reports expiry when a renewal is refused (null). Returns stop().
 */
export function startRenewalLoop(opts: RenewalLoopOptions): () => void {
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const at = (ms: number, fn: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(fn, Math.max(0, ms - now()));
  };
  const expire = (expiresAtMs: number) =>
    at(expiresAtMs, () => {
      if (!stopped) opts.onExpired();
    });
  const attempt = async (expiresAtMs: number) => {
    let next: RenewedToken | null = null;
    let failed = false;
    try {
      next = await opts.renewToken();
    } catch {
      failed = true;
    }
    if (stopped) return;
    const nextMs = next ? Date.parse(next.expiresAt) : Number.NaN;
    if (next && Number.isFinite(nextMs)) {
      opts.onRenewed?.(next);
      // Never ask again sooner than the retry interval, even if the server handed back a short token.
      at(Math.max(nextMs - RENEW_LEAD_MS, now() + RENEW_RETRY_MS), () => void attempt(nextMs));
    } else if (failed && now() + RENEW_RETRY_MS < expiresAtMs) {
      at(now() + RENEW_RETRY_MS, () => void attempt(expiresAtMs));
    } else {
      expire(expiresAtMs);
    }
  };
  const first = Date.parse(opts.expiresAt);
  if (Number.isFinite(first)) at(first - RENEW_LEAD_MS, () => void attempt(first));
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
