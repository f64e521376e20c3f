import {
  type ChannelMessage,
  PRESENCE_EVENT,
  type PresenceMemberInfo,
  type RealtimeTransport,
  uniqueMembers,
} from './transport';

/**
 * Local mode: one EventSource per channel to /api/realtime/stream. The browser reconnects a dropped
 * stream by itself (sending Last-Event-ID, so the server replays what was missed); a stream the server
 * closed or refused is reopened here with backoff. Presence is a query flag of the channel's stream, so
 * entering or leaving presence reopens that one stream.
 */

interface Entry {
  listeners: Set<(msg: ChannelMessage) => void>;
  watchers: Set<(members: PresenceMemberInfo[]) => void>;
  source: EventSource | null;
  url: string;
  lastEventId: string;
  members: PresenceMemberInfo[];
  retryMs: number;
  retryTimer: ReturnType<typeof setTimeout> | null;
}

const MIN_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

function streamUrl(channel: string, presence: boolean, lastEventId: string): string {
  const q = new URLSearchParams({ channels: channel });
  if (presence) q.set('presence', channel);
  if (lastEventId) q.set('lastEventId', lastEventId);
  return `/api/realtime/stream?${q}`;
}

export function createLocalTransport(): RealtimeTransport {
  const entries = new Map<string, Entry>();

  const disconnect = (entry: Entry) => {
    if (entry.retryTimer) clearTimeout(entry.retryTimer);
    entry.retryTimer = null;
    entry.source?.close();
    entry.source = null;
    entry.url = '';
  };

  const onData = (entry: Entry, event: MessageEvent<string>) => {
    if (event.lastEventId) entry.lastEventId = event.lastEventId;
    let msg: { name?: unknown; data?: unknown };
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    if (typeof msg.name !== 'string') return;
    if (msg.name === PRESENCE_EVENT) {
      const members = (msg.data as { members?: PresenceMemberInfo[] } | null)?.members;
      if (!Array.isArray(members)) return;
      entry.members = uniqueMembers(members);
      for (const w of [...entry.watchers]) w(entry.members);
      return;
    }
    for (const l of [...entry.listeners]) l({ name: msg.name, data: msg.data });
  };

  const connect = (channel: string, entry: Entry) => {
    const presence = entry.watchers.size > 0;
    const wantedBase = streamUrl(channel, presence, '');
    if (entry.source && entry.url === wantedBase) return;
    disconnect(entry);
    const source = new EventSource(streamUrl(channel, presence, entry.lastEventId));
    entry.source = source;
    entry.url = wantedBase;
    source.onopen = () => {
      entry.retryMs = MIN_RETRY_MS;
    };
    source.onmessage = (event: MessageEvent<string>) => onData(entry, event);
    source.onerror = () => {
      // CONNECTING: the browser retries by itself. CLOSED: refused (401/403…) or not an event stream.
      if (source.readyState !== EventSource.CLOSED || entry.source !== source) return;
      entry.source = null;
      entry.url = '';
      const delay = entry.retryMs;
      entry.retryMs = Math.min(entry.retryMs * 2, MAX_RETRY_MS);
      entry.retryTimer = setTimeout(() => {
        entry.retryTimer = null;
        if (entries.get(channel) === entry) connect(channel, entry);
      }, delay);
    };
  };

  const entryFor = (channel: string): Entry => {
    let entry = entries.get(channel);
    if (!entry) {
      entry = {
        listeners: new Set(),
        watchers: new Set(),
        source: null,
        url: '',
        lastEventId: '',
        members: [],
        retryMs: MIN_RETRY_MS,
        retryTimer: null,
      };
      entries.set(channel, entry);
    }
    return entry;
  };

  const release = (channel: string, entry: Entry) => {
    if (entry.listeners.size > 0 || entry.watchers.size > 0) {
      connect(channel, entry);
      return;
    }
    disconnect(entry);
    if (entries.get(channel) === entry) entries.delete(channel);
  };

  return {
    subscribe(channel, onMessage) {
      const entry = entryFor(channel);
      const listener = (msg: ChannelMessage) => onMessage(msg);
      entry.listeners.add(listener);
      connect(channel, entry);
      return () => {
        entry.listeners.delete(listener);
        release(channel, entry);
      };
    },
    presence(channel, onMembers) {
      const entry = entryFor(channel);
      const watcher = (members: PresenceMemberInfo[]) => onMembers(members);
      entry.watchers.add(watcher);
      connect(channel, entry);
      return () => {
        entry.watchers.delete(watcher);
        if (entry.watchers.size === 0) entry.members = [];
        release(channel, entry);
      };
    },
    close() {
      for (const entry of entries.values()) disconnect(entry);
      entries.clear();
    },
  };
}
