import 'server-only';
import { type LocalBus, localBus, type RealtimeMessage } from './local-bus';

export interface LocalStreamOptions {
  userId: string;
  /** Presence data is { name: displayName }. */
  displayName: string;
  /** Already access-checked channel names. */
  channels: string[];
  /** One of `channels` to enter presence on for as long as the stream is open. */
  presence?: string;
  /** The browser's Last-Event-ID on reconnect: messages missed since then are replayed when still held. */
  lastEventId?: string | null;
  signal?: AbortSignal;
  heartbeatMs?: number;
  bus?: LocalBus;
}

export const HEARTBEAT_MS = 15_000;

/**
 * The local realtime transport: a Server-Sent Events body relaying the bus. Every message is one event
 * (`id` = message id, `data` = JSON {channel,name,data,id,ts}); a comment line every 15 s keeps proxies
 * from closing an idle stream. Everything is released when the client goes away (abort or cancel).
 */
export function openLocalStream(opts: LocalStreamOptions): ReadableStream<Uint8Array> {
  const bus = opts.bus ?? localBus();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const sendMessage = (m: RealtimeMessage) => {
        let json: string;
        try {
          json = JSON.stringify(m);
        } catch {
          return; // publish() refuses unserialisable data; nothing else reaches the bus
        }
        send(`id: ${m.id}\ndata: ${json}\n\n`);
      };

      send('retry: 3000\n: connected\n\n');
      if (opts.lastEventId) {
        const missed = opts.channels.flatMap((ch) => bus.since(ch, opts.lastEventId ?? '') ?? []);
        missed.sort((a, b) => a.ts - b.ts || a.id.localeCompare(b.id, 'en', { numeric: true }));
        for (const m of missed) sendMessage(m);
      }
      const unsubscribes = opts.channels.map((ch) => bus.subscribe(ch, sendMessage));
      const leave =
        opts.presence !== undefined
          ? bus.enterPresence(opts.presence, opts.userId, { name: opts.displayName })
          : undefined;
      const heartbeat = setInterval(() => send(': heartbeat\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
      const onAbort = () => cleanup();

      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        for (const unsubscribe of unsubscribes) unsubscribe();
        leave?.();
        opts.signal?.removeEventListener('abort', onAbort);
        try {
          controller.close();
        } catch {
          // already closed or cancelled by the reader
        }
      };
      if (opts.signal?.aborted) cleanup();
      else opts.signal?.addEventListener('abort', onAbort, { once: true });
    },
    cancel() {
      cleanup();
    },
  });
}
