import 'server-only';
import { env } from '@/lib/env';

/** Public base URL for links that leave the app (Stripe success/cancel URLs, emails): APP_URL, else this request's origin. */
export function publicBaseUrl(req: Request): string {
  return (env().raw.APP_URL ?? new URL(req.url).origin).replace(/\/+$/, '');
}

/**
 * Where this very server answers: the local checkout posts its signed event here. The request's own
 * origin, not APP_URL — locally APP_URL may name another port or machine. Local mode only (never in
 * production), so the Host header deciding it is acceptable.
 */
export function selfBaseUrl(req: Request): string {
  return new URL(req.url).origin;
}
