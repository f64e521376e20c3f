import 'server-only';
import type { Rest } from 'ably';
import { env } from '@/lib/env';

/** The Ably REST client for ABLY_API_KEY, or null when realtime runs locally. Loaded only when managed. */
const g = globalThis as typeof globalThis & { __communityosAbly?: { key: string; rest: Promise<Rest> } };

export function ablyRest(): Promise<Rest> | null {
  const e = env();
  const key = e.raw.ABLY_API_KEY;
  if (e.services.realtime.mode !== 'managed' || !key) return null;
  if (g.__communityosAbly?.key !== key) {
    g.__communityosAbly = { key, rest: import('ably').then(({ Rest }) => new Rest({ key })) };
  }
  return g.__communityosAbly.rest;
}

/** What a layout passes to <RealtimeProvider mode=…>. */
export function realtimeClientMode(): 'ably' | 'local' {
  return env().services.realtime.mode === 'managed' ? 'ably' : 'local';
}
