import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import { storedLocalSecret } from '@/lib/local-secrets';

/**
 * Digital downloads: the buyer asks for a link (checked in SQL: only the buyer of a digital order), and
 * gets /api/shop/download/<order>?buyer=…&expires=…&sig=… — an HMAC over (order, buyer, expiry) that the
 * download route verifies before redirecting to the file. Links expire after LINK_TTL_SECONDS.
 */
export const LINK_TTL_SECONDS = 15 * 60;

function secret(): string {
  const e = env();
  if (e.raw.AUTH_SECRET)
    return createHmac('sha256', e.raw.AUTH_SECRET).update('communityos:download-links').digest('hex');
  if (e.production) throw new AppError('NOT_CONFIGURED', 'Downloads need AUTH_SECRET in production');
  return storedLocalSecret('downloadLinkSecret', () => randomBytes(32).toString('hex'));
}

export function signDownload(orderId: string, buyerId: string, expires: number): string {
  return createHmac('sha256', secret()).update(`${orderId}.${buyerId}.${expires}`).digest('base64url');
}

/** A signed link for the caller's digital order (CO403 from SQL for anyone but its buyer). */
export async function createDownloadLink(
  claims: Claims,
  orderId: string,
  nowMs = Date.now(),
): Promise<{ url: string; expiresAt: string }> {
  await asUser(claims, (db) => db.query('select public.order_download_url($1)', [orderId]));
  const expires = Math.floor(nowMs / 1000) + LINK_TTL_SECONDS;
  const sig = signDownload(orderId, claims.sub, expires);
  const qs = new URLSearchParams({ buyer: claims.sub, expires: String(expires), sig });
  return { url: `/api/shop/download/${orderId}?${qs}`, expiresAt: new Date(expires * 1000).toISOString() };
}

/** Verifies a signed link and returns the file URL; FORBIDDEN for a bad or expired signature. */
export async function resolveDownload(
  orderId: string,
  q: { buyer: string; expires: number; sig: string },
  nowMs = Date.now(),
): Promise<string> {
  const expected = Buffer.from(signDownload(orderId, q.buyer, q.expires));
  const given = Buffer.from(q.sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AppError('FORBIDDEN', 'This download link is not valid');
  }
  if (q.expires * 1000 < nowMs)
    throw new AppError('FORBIDDEN', 'This download link has expired: ask for a new one from your orders');
  const r = await asService((db) =>
    db.query<{ url: string | null }>('select private.order_download_url_for($1, $2) as url', [
      orderId,
      q.buyer,
    ]),
  );
  const url = r.rows[0]?.url;
  if (!url) throw new AppError('NOT_FOUND', 'Order not found');
  return url;
}
