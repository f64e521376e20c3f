/** What the realtime hooks need from a connection, whichever service carries it. */

export interface ChannelMessage {
  name: string;
  data: unknown;
}

export interface PresenceMemberInfo {
  clientId: string;
  data?: unknown;
}

export interface RealtimeTransport {
  /** Listens on a channel; returns the function that stops listening. */
  subscribe(channel: string, onMessage: (msg: ChannelMessage) => void): () => void;
  /** Enters presence on a channel and reports its members on every change; returns leave(). */
  presence(channel: string, onMembers: (members: PresenceMemberInfo[]) => void): () => void;
  close(): void;
}

export { PRESENCE_EVENT } from '@/lib/adapters/realtime/channels';

/** One entry per user, however many tabs or connections they have. */
export function uniqueMembers(members: PresenceMemberInfo[]): PresenceMemberInfo[] {
  const byClient = new Map<string, PresenceMemberInfo>();
  for (const m of members) if (m.clientId && !byClient.has(m.clientId)) byClient.set(m.clientId, m);
  return [...byClient.values()];
}
