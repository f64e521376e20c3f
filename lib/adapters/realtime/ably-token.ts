import 'server-only';
import type { TokenRequest } from 'ably';
import { ablyRest } from './ably-rest';
import {
  type CallMembership,
  dbCallMembership,
  dbConversationMembership,
  dbStreamAccess,
  type StreamAccess,
} from './access';
import { callChannel, conversationChannel, streamChannel, userChannel } from './channels';

type Operation = 'subscribe' | 'publish' | 'presence';

/** Exactly what one user may do: listen on their own channel, and talk on each live call they are part of. */
export async function capabilityFor(
  userId: string,
  membership: CallMembership = dbCallMembership,
  streams: StreamAccess = dbStreamAccess,
): Promise<Record<string, Operation[]>> {
  const capability: Record<string, Operation[]> = { [userChannel(userId)]: ['subscribe', 'presence'] };
  for (const callId of await membership.activeCallIds(userId)) {
    capability[callChannel(callId)] = ['subscribe', 'publish', 'presence'];
  }
  // Direct conversations: listen and be present (typing and messages are published by the server).
  for (const id of await dbConversationMembership.recentConversationIds(userId)) {
    capability[conversationChannel(id)] = ['subscribe', 'presence'];
  }
  // Stream channels: listen and be counted; only the server publishes chat, tips and gifts there.
  for (const streamId of await streams.activeStreamIds(userId)) {
    capability[streamChannel(streamId)] = ['subscribe', 'presence'];
  }
  return capability;
}

/** An hour; the Ably client fetches a new one (with the then-current call channels) before it runs out. */
export const TOKEN_TTL_MS = 60 * 60_000;

/** A signed Ably token request for the user (created offline with the API key; Ably checks it on use). */
export async function createAblyTokenRequest(
  userId: string,
  membership: CallMembership = dbCallMembership,
  streams: StreamAccess = dbStreamAccess,
): Promise<TokenRequest> {
  const rest = ablyRest();
  if (!rest) throw new Error('Ably is not configured (ABLY_API_KEY)');
  const capability = await capabilityFor(userId, membership, streams);
  return (await rest).auth.createTokenRequest({ clientId: userId, capability, ttl: TOKEN_TTL_MS });
}
