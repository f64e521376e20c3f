import 'server-only';
import { mintRtcToken, rtcUidFor } from '@/lib/adapters/video/agora';
import { AppError } from '@/lib/http/errors';
import type { CallState, MediaToken } from './types';

/** Seconds of slack after the funded boundary, so a renewal in flight is not cut off mid-handshake. */
export const TOKEN_GRACE_SECONDS = 5;
/** How long after acceptance the two sides have to join (matches private.stale_calls). */
export const JOIN_WINDOW_SECONDS = 120;

/**
 * The Agora token for one participant of an active call. Its join privilege ends with the money: at the
 * end of the last held minute (+ a few seconds) once connected, or at the join deadline before that —
 * so a fan who stops paying is dropped by Agora itself.
 */
export function mediaTokenFor(state: CallState, userId: string): MediaToken {
  const { call } = state;
  if (userId !== call.fan.id && userId !== call.creator.id) throw new AppError('FORBIDDEN', 'Not your call');
  let until: Date;
  if (call.status === 'connected' && state.fundedUntil) {
    until = new Date(new Date(state.fundedUntil).getTime() + TOKEN_GRACE_SECONDS * 1000);
  } else if (call.status === 'accepted' && call.answeredAt) {
    until = new Date(
      new Date(call.answeredAt).getTime() + (JOIN_WINDOW_SECONDS + TOKEN_GRACE_SECONDS) * 1000,
    );
  } else {
    throw new AppError('CONFLICT', `This call is ${call.status}`);
  }
  if (until.getTime() <= Date.now() + 1000) throw new AppError('CONFLICT', 'This call is no longer funded');
  const t = mintRtcToken({
    channel: `call-${call.id}`,
    uid: rtcUidFor(userId),
    role: 'publisher',
    privilegeExpiresAt: until,
  });
  return {
    mode: t.mode,
    appId: t.appId,
    channel: t.channel,
    uid: t.uid,
    token: t.token,
    expiresAt: t.expiresAt,
  };
}
