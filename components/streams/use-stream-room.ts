'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useChannel, usePresence } from '@/components/realtime/realtime-provider';
import { streamChannel } from '@/lib/adapters/realtime/channels';
import { apiFetch } from '@/lib/http/client';
import {
  type ChatMessage,
  type PinnedProduct,
  STREAM_EVENTS,
  type StreamEvent,
  type StreamStatus,
  type ViewerCounts,
} from '@/lib/streams/types';

/** Matches lib/streams/presence.ts: the server counts a viewer present for 45 s after a heartbeat. */
const HEARTBEAT_MS = 15_000;
const MAX_CHAT = 200;

export interface RoomInit {
  streamId: string;
  viewerId: string;
  status: StreamStatus;
  viewerCount: number;
  peakViewers: number;
  isMuted: boolean;
  /** Muted viewers when the page rendered (the creator's moderation view). */
  mutedUserIds?: string[];
  chat: ChatMessage[];
  events: StreamEvent[];
  /** The product pinned when the page rendered (live shopping). */
  pinned?: PinnedProduct | null;
}

function mergeEvents(list: StreamEvent[], more: StreamEvent[]): StreamEvent[] {
  const bySeq = new Map(list.map((e) => [e.seq, e]));
  for (const e of more) bySeq.set(e.seq, e);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Everything live about one stream for one browser: join + heartbeats (server-side counts), leave on
 * exit, chat and tips/gifts pushed on stream:<id>, events kept in DB sequence order (a gap is filled from
 * /events so every screen shows the same order), and presence for who is watching right now.
 */
export function useStreamRoom(init: RoomInit) {
  const { streamId, viewerId } = init;
  // Listen only after the join is recorded: an Ably token's capability lists the streams a user joined,
  // so attaching first would be refused (the transport then re-authorises once, after the join).
  const [joined, setJoined] = useState(false);
  const channel = init.status === 'live' && joined ? streamChannel(streamId) : null;
  const [status, setStatus] = useState<StreamStatus>(init.status);
  const [counts, setCounts] = useState({ viewerCount: init.viewerCount, peakViewers: init.peakViewers });
  const [chat, setChat] = useState<ChatMessage[]>(init.chat);
  const [events, setEvents] = useState<StreamEvent[]>(init.events);
  const [muted, setMuted] = useState(init.isMuted);
  const [mutedUsers, setMutedUsers] = useState<Set<string>>(() => new Set(init.mutedUserIds ?? []));
  const [presenceError, setPresenceError] = useState<string | null>(null);
  const [pinned, setPinned] = useState<PinnedProduct | null>(init.pinned ?? null);
  const lastSeq = useRef(init.events.at(-1)?.seq ?? 0);
  const { members } = usePresence(channel);

  const reloadChat = useCallback(async () => {
    const r = await apiFetch<{ messages: ChatMessage[] }>(`/api/streams/${streamId}/chat`);
    if (!r.ok) return;
    setChat((list) => {
      const byId = new Map(list.map((m) => [m.id, m]));
      for (const m of r.data.messages) byId.set(m.id, m);
      return [...byId.values()].sort((a, b) => a.id - b.id).slice(-MAX_CHAT);
    });
  }, [streamId]);

  const reloadPin = useCallback(async () => {
    const r = await apiFetch<{ pinned: PinnedProduct | null }>(`/api/streams/${streamId}/pin`);
    if (r.ok) setPinned(r.data.pinned);
  }, [streamId]);

  const catchUp = useCallback(async () => {
    const r = await apiFetch<{ events: StreamEvent[] }>(
      `/api/streams/${streamId}/events?after=${lastSeq.current}`,
    );
    if (r.ok && r.data.events.length) {
      setEvents((list) => mergeEvents(list, r.data.events));
      // A pin or unpin while we were not listening: the card follows the database.
      if (r.data.events.some((e) => e.seq > lastSeq.current && (e.kind === 'pin' || e.kind === 'unpin')))
        void reloadPin();
      lastSeq.current = Math.max(lastSeq.current, ...r.data.events.map((e) => e.seq));
    }
  }, [streamId, reloadPin]);

  const addEvents = useCallback(
    (more: StreamEvent[]) => {
      setEvents((list) => mergeEvents(list, more));
      const top = Math.max(...more.map((e) => e.seq));
      // A missing number means a message was lost or is late: fetch the gap from the database.
      if (more.some((e) => e.seq > lastSeq.current + 1)) void catchUp();
      lastSeq.current = Math.max(lastSeq.current, top);
    },
    [catchUp],
  );

  useChannel(channel, (msg) => {
    switch (msg.name) {
      case STREAM_EVENTS.chat: {
        const m = msg.data as ChatMessage;
        setChat((list) => (list.some((x) => x.id === m.id) ? list : [...list, m].slice(-MAX_CHAT)));
        break;
      }
      case STREAM_EVENTS.chatDeleted: {
        const { id } = msg.data as { id: number };
        setChat((list) => list.map((x) => (x.id === id ? { ...x, body: null } : x)));
        break;
      }
      case STREAM_EVENTS.event:
        addEvents([msg.data as StreamEvent]);
        break;
      case STREAM_EVENTS.viewers: {
        const c = msg.data as ViewerCounts;
        setCounts({ viewerCount: c.viewerCount, peakViewers: c.peakViewers });
        break;
      }
      case STREAM_EVENTS.muted: {
        const { userId, muted: on } = msg.data as { userId: string; muted: boolean };
        if (userId === viewerId) setMuted(on);
        setMutedUsers((s) => {
          const next = new Set(s);
          if (on) next.add(userId);
          else next.delete(userId);
          return next;
        });
        break;
      }
      case STREAM_EVENTS.pin:
        setPinned((msg.data as { pinned: PinnedProduct | null }).pinned);
        break;
      case STREAM_EVENTS.ended:
        setStatus('ended');
        setPinned(null);
        break;
    }
  });

  // Join now, heartbeat every 15 s, leave when the page goes away.
  useEffect(() => {
    if (init.status !== 'live') return;
    let stopped = false;
    let first = true;
    const beat = async () => {
      const r = await apiFetch<ViewerCounts>(`/api/streams/${streamId}/presence`, {
        method: 'POST',
        body: { present: true },
      });
      if (stopped) return;
      if (r.ok) {
        setPresenceError(null);
        setCounts({ viewerCount: r.data.viewerCount, peakViewers: r.data.peakViewers });
        if (r.data.status === 'ended') setStatus('ended');
        if (first) {
          first = false;
          setJoined(true);
          // Whatever was said or sent between the page render and listening.
          void catchUp();
          void reloadChat();
        }
      } else {
        setPresenceError(r.error.message);
      }
    };
    void beat();
    const timer = setInterval(beat, HEARTBEAT_MS);
    const leave = () =>
      fetch(`/api/streams/${streamId}/presence`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ present: false }),
        keepalive: true,
      }).catch(() => {});
    window.addEventListener('pagehide', leave);
    return () => {
      stopped = true;
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      void leave();
    };
  }, [streamId, init.status, catchUp, reloadChat]);

  return {
    status,
    setStatus,
    counts,
    chat,
    events,
    muted,
    mutedUsers,
    setMutedUsers,
    presenceError,
    watching: members,
    addEvents,
    pinned,
    setPinned,
    reloadPin,
  };
}
