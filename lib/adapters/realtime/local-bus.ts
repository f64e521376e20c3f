import 'server-only';
import { randomBytes } from 'node:crypto';
import { PRESENCE_EVENT } from './channels';

/**
 * Local realtime: an in-process pub/sub with presence, kept on globalThis because route bundles and
 * instrumentation.ts each get their own copy of module state. One process is what a local server is; in
 * production Ably does this job.
 */

export interface RealtimeMessage {
  channel: string;
  name: string;
  data: unknown;
  /** `<boot id>.<sequence>`: increasing within one server process (SSE Last-Event-ID replay). */
  id: string;
  /** Milliseconds since the epoch. */
  ts: number;
}

export interface PresenceMember {
  clientId: string;
  data?: unknown;
}

/** What a presence change publishes on the channel (as message name "presence"). */
export interface PresenceUpdate {
  action: 'enter' | 'leave';
  clientId: string;
  members: PresenceMember[];
}

type Listener = (msg: RealtimeMessage) => void;

export interface LocalBus {
  publish(channel: string, name: string, data: unknown): RealtimeMessage;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: Listener): () => void;
  /**
   * Messages on channel after lastEventId, for a reconnecting stream; null when that id is unknown (another
   * server process, or older than the kept history) so the caller knows it may have missed messages.
   */
  since(channel: string, lastEventId: string): RealtimeMessage[] | null;
  /** Enters presence as clientId for one connection; returns leave(). Members are listed once per clientId. */
  enterPresence(channel: string, clientId: string, data?: unknown): () => void;
  members(channel: string): PresenceMember[];
  listenerCount(channel: string): number;
}

const HISTORY_LIMIT = 100;
const HISTORY_MS = 2 * 60_000;

export function createLocalBus(now: () => number = Date.now): LocalBus {
  const boot = randomBytes(4).toString('hex');
  let seq = 0;
  let connections = 0;
  /** Highest sequence dropped by the periodic sweep of idle channels. */
  let sweptUpTo = 0;
  const listeners = new Map<string, Set<Listener>>();
  /** Per channel: recent messages and the highest sequence no longer held (so replay can detect gaps). */
  const history = new Map<string, { messages: RealtimeMessage[]; droppedUpTo: number }>();
  const presence = new Map<string, Map<number, PresenceMember>>();
  const seqOf = (m: RealtimeMessage) => Number(m.id.slice(m.id.indexOf('.') + 1));

  const trim = (h: { messages: RealtimeMessage[]; droppedUpTo: number }, t: number) => {
    let drop = 0;
    while (
      drop < h.messages.length &&
      (h.messages.length - drop > HISTORY_LIMIT || (h.messages[drop]?.ts ?? t) <= t - HISTORY_MS)
    )
      drop++;
    if (drop > 0) {
      const last = h.messages[drop - 1];
      if (last) h.droppedUpTo = seqOf(last);
      h.messages.splice(0, drop);
    }
  };

  const sweep = (t: number) => {
    for (const [channel, h] of history) {
      trim(h, t);
      if (h.messages.length === 0) {
        sweptUpTo = Math.max(sweptUpTo, h.droppedUpTo);
        history.delete(channel);
      }
    }
  };

  const publish = (channel: string, name: string, data: unknown): RealtimeMessage => {
    const msg: RealtimeMessage = { channel, name, data, id: `${boot}.${++seq}`, ts: now() };
    if (seq % 500 === 0) sweep(msg.ts);
    let h = history.get(channel);
    if (!h) history.set(channel, (h = { messages: [], droppedUpTo: 0 }));
    h.messages.push(msg);
    trim(h, msg.ts);
    for (const listener of [...(listeners.get(channel) ?? [])]) {
      try {
        listener(msg);
      } catch (err) {
        console.error(`realtime listener on ${channel} failed`, err);
      }
    }
    return msg;
  };

  const members = (channel: string): PresenceMember[] => {
    const byClient = new Map<string, PresenceMember>();
    for (const m of presence.get(channel)?.values() ?? []) {
      if (!byClient.has(m.clientId)) byClient.set(m.clientId, m);
    }
    return [...byClient.values()];
  };

  return {
    publish,
    subscribe(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(channel) === set) listeners.delete(channel);
      };
    },
    since(channel, lastEventId) {
      const dot = lastEventId.indexOf('.');
      const after = Number(lastEventId.slice(dot + 1));
      if (dot < 0 || lastEventId.slice(0, dot) !== boot || !Number.isInteger(after) || after > seq)
        return null;
      const h = history.get(channel);
      if (!h) return after < sweptUpTo ? null : [];
      trim(h, now());
      if (after < h.droppedUpTo) return null;
      return h.messages.filter((m) => seqOf(m) > after);
    },
    enterPresence(channel, clientId, data) {
      const connection = ++connections;
      let set = presence.get(channel);
      if (!set) presence.set(channel, (set = new Map()));
      set.set(connection, data === undefined ? { clientId } : { clientId, data });
      const entered: PresenceUpdate = { action: 'enter', clientId, members: members(channel) };
      publish(channel, PRESENCE_EVENT, entered);
      let left = false;
      return () => {
        if (left) return;
        left = true;
        set.delete(connection);
        if (set.size === 0 && presence.get(channel) === set) presence.delete(channel);
        const leaving: PresenceUpdate = { action: 'leave', clientId, members: members(channel) };
        publish(channel, PRESENCE_EVENT, leaving);
      };
    },
    members,
    listenerCount: (channel) => listeners.get(channel)?.size ?? 0,
  };
}

const g = globalThis as typeof globalThis & { __communityosRealtimeBus?: LocalBus };

/** The process-wide local bus. */
export function localBus(): LocalBus {
  g.__communityosRealtimeBus ??= createLocalBus();
  return g.__communityosRealtimeBus;
}
