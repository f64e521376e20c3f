'use client';

import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { createAblyTransport } from './ably-transport';
import { createLocalTransport } from './local-transport';
import type { ChannelMessage, PresenceMemberInfo, RealtimeTransport } from './transport';

/**
 * The browser side of the realtime seam. Pages use useChannel / usePresence and never learn whether Ably
 * or the local SSE stream carries them; the server layout picks the mode (realtimeClientMode()).
 */

export type RealtimeMode = 'ably' | 'local';

/** Created on first use (in an effect, so never during server rendering) and closed with the provider. */
class LazyTransport {
  private transport: RealtimeTransport | null = null;
  constructor(
    readonly mode: RealtimeMode,
    readonly displayName: string | undefined,
  ) {}
  get(): RealtimeTransport {
    this.transport ??=
      this.mode === 'ably'
        ? createAblyTransport(this.displayName === undefined ? undefined : { name: this.displayName })
        : createLocalTransport();
    return this.transport;
  }
  close(): void {
    this.transport?.close();
    this.transport = null;
  }
}

const RealtimeContext = createContext<LazyTransport | null>(null);

export function RealtimeProvider({
  mode,
  displayName,
  children,
}: {
  mode: RealtimeMode;
  /** Presence data in Ably mode ({ name }); in local mode the server sets it from the session. */
  displayName?: string;
  children: React.ReactNode;
}) {
  const [lazy, setLazy] = useState(() => new LazyTransport(mode, displayName));
  useEffect(() => {
    if (lazy.mode !== mode || lazy.displayName !== displayName) setLazy(new LazyTransport(mode, displayName));
  }, [lazy, mode, displayName]);
  useEffect(() => () => lazy.close(), [lazy]);
  return <RealtimeContext.Provider value={lazy}>{children}</RealtimeContext.Provider>;
}

function useTransport(): LazyTransport {
  const lazy = useContext(RealtimeContext);
  if (!lazy) throw new Error('useChannel/usePresence need a <RealtimeProvider> above them');
  return lazy;
}

/** Calls onMessage for every event on channel (null: listen to nothing). The latest callback is used. */
export function useChannel(channel: string | null, onMessage: (msg: ChannelMessage) => void): void {
  const lazy = useTransport();
  const handler = useRef(onMessage);
  useEffect(() => {
    handler.current = onMessage;
  });
  useEffect(() => {
    if (!channel) return;
    return lazy.get().subscribe(channel, (msg) => handler.current(msg));
  }, [lazy, channel]);
}

/** Enters presence on channel as the signed-in user and returns who is there (one entry per user). */
export function usePresence(channel: string | null): { members: PresenceMemberInfo[] } {
  const lazy = useTransport();
  const [state, setState] = useState<{ channel: string | null; members: PresenceMemberInfo[] }>({
    channel,
    members: [],
  });
  useEffect(() => {
    if (!channel) return;
    return lazy.get().presence(channel, (members) => setState({ channel, members }));
  }, [lazy, channel]);
  return { members: state.channel === channel ? state.members : [] };
}

export type { ChannelMessage, PresenceMemberInfo };
