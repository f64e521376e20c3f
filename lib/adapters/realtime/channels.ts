/**
 * Realtime channel names (shared by server and browser code). Only these shapes exist:
 *   user:<uuid>  — one user's private channel (notifications, incoming call requests)
 *   call:<uuid>  — one call's channel (its two participants: state changes, presence)
 *   conversation:<uuid> — one direct conversation (its two participants: messages, typing, presence)
 *   stream:<uuid> — one live stream's channel (its allowed viewers: chat, tips/gifts, viewer presence)
 * Ids must be canonical lowercase uuids, so one user or call never has two spellings of its channel.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type ChannelKind = 'user' | 'call' | 'conversation' | 'stream';

export interface ParsedChannel {
  kind: ChannelKind;
  id: string;
}

export function isCanonicalUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** The kind and id of a well-formed channel name, or null for anything else. */
export function parseChannel(name: unknown): ParsedChannel | null {
  if (typeof name !== 'string') return null;
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (
    (kind !== 'user' && kind !== 'call' && kind !== 'conversation' && kind !== 'stream') ||
    !isCanonicalUuid(id)
  )
    return null;
  return { kind, id };
}

function channelName(kind: ChannelKind, id: string): string {
  if (!isCanonicalUuid(id)) throw new RangeError(`A ${kind} channel needs a lowercase uuid, got "${id}"`);
  return `${kind}:${id}`;
}

export const userChannel = (userId: string): string => channelName('user', userId);
export const callChannel = (callId: string): string => channelName('call', callId);
export const conversationChannel = (conversationId: string): string =>
  channelName('conversation', conversationId);
export const streamChannel = (streamId: string): string => channelName('stream', streamId);

/** Message name reserved for presence snapshots in local mode (never use it for an app event). */
export const PRESENCE_EVENT = 'presence';
