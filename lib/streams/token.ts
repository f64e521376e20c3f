import 'server-only';
import { mintRtcToken, rtcUidFor } from '@/lib/adapters/video/agora';
import type { Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { streamDetails } from './read-stream';
import type { StreamDetails, StreamMediaToken } from './types';

/** A stream token lasts an hour; the page asks for a new one before it runs out. */
export const STREAM_TOKEN_SECONDS = 60 * 60;

export const streamRtcChannel = (streamId: string): string => `stream-${streamId}`;

/** The role a user gets for a stream: publisher for its creator, subscriber for an allowed viewer. */
export function tokenRoleFor(s: StreamDetails): 'publisher' | 'subscriber' {
  if (s.isCreator) return 'publisher';
  if (!s.canView) throw new AppError('FORBIDDEN', 'This stream is for subscribers only');
  return 'subscriber';
}

/**
 * Mints the Agora token for a live stream: the creator gets the only publisher token; viewers get a
 * subscriber token, and only when private.can_view_stream lets them watch (subscriber-only → 403).
 */
export async function streamToken(claims: Claims, streamId: string): Promise<StreamMediaToken> {
  const s = await streamDetails(claims, streamId);
  const role = tokenRoleFor(s);
  if (s.status !== 'live') throw new AppError('CONFLICT', 'This stream has ended');
  const t = mintRtcToken({
    channel: streamRtcChannel(streamId),
    uid: rtcUidFor(claims.sub),
    role,
    privilegeExpiresAt: new Date(Date.now() + STREAM_TOKEN_SECONDS * 1000),
  });
  return {
    mode: t.mode,
    role,
    appId: t.appId,
    channel: t.channel,
    uid: t.uid,
    token: t.token,
    expiresAt: t.expiresAt,
  };
}
