import type { InboundMessage, Realtime, RealtimeChannel } from 'ably';
import { type ChannelMessage, PRESENCE_EVENT, type RealtimeTransport, uniqueMembers } from './transport';

/**
 * Managed mode: one Ably Realtime connection authenticated by /api/realtime/token (the server signs a
 * token request for this user's channels). `ably` is imported on first use, so pages in local mode never
 * download it. A call channel created after the token was issued is not in its capability yet: on Ably's
 * "operation not permitted" error (40160) we fetch a fresh token once and try again.
 */

const CAPABILITY_DENIED = 40160;

export function createAblyTransport(presenceData?: unknown): RealtimeTransport {
  let client: Promise<Realtime> | null = null;
  let closed = false;
  const users = new Map<string, number>();

  const realtime = () => {
    client ??= import('ably').then(
      ({ Realtime: AblyRealtime }) => new AblyRealtime({ authUrl: '/api/realtime/token', authMethod: 'GET' }),
    );
    return client;
  };

  /** Runs op; if Ably says the token does not allow it, re-authorises once (new capability) and retries. */
  const withCapability = async (rt: Realtime, op: () => Promise<unknown>) => {
    try {
      await op();
    } catch (err) {
      if ((err as { code?: number } | null)?.code !== CAPABILITY_DENIED) throw err;
      await rt.auth.authorize();
      await op();
    }
  };

  const use = async (name: string): Promise<{ rt: Realtime; channel: RealtimeChannel }> => {
    const rt = await realtime();
    users.set(name, (users.get(name) ?? 0) + 1);
    const channel = rt.channels.get(name);
    try {
      await withCapability(rt, () => channel.attach());
    } catch (err) {
      unuse(rt, name);
      throw err;
    }
    return { rt, channel };
  };

  const unuse = (rt: Realtime, name: string) => {
    const n = (users.get(name) ?? 1) - 1;
    if (n > 0) {
      users.set(name, n);
      return;
    }
    users.delete(name);
    rt.channels
      .get(name)
      .detach()
      .catch(() => {});
  };

  const warn = (what: string, channel: string) => (err: unknown) => {
    if (!closed) console.warn(`realtime: could not ${what} ${channel}`, err);
  };

  return {
    subscribe(name, onMessage) {
      let stopped = false;
      let stop = () => {};
      const listener = (msg: InboundMessage) => {
        if (msg.name === PRESENCE_EVENT) return; // reserved, as in local mode
        onMessage({ name: msg.name ?? '', data: msg.data } satisfies ChannelMessage);
      };
      use(name)
        .then(async ({ rt, channel }) => {
          stop = () => {
            channel.unsubscribe(listener);
            unuse(rt, name);
          };
          if (stopped) return stop();
          await channel.subscribe(listener);
        })
        .catch(warn('subscribe to', name));
      return () => {
        stopped = true;
        stop();
      };
    },
    presence(name, onMembers) {
      let stopped = false;
      let stop = () => {};
      use(name)
        .then(async ({ rt, channel }) => {
          const refresh = () => {
            channel.presence
              .get()
              .then((members) => {
                if (!stopped)
                  onMembers(uniqueMembers(members.map((m) => ({ clientId: m.clientId, data: m.data }))));
              })
              .catch(warn('read presence on', name));
          };
          stop = () => {
            channel.presence.unsubscribe(refresh);
            channel.presence.leave().catch(() => {});
            unuse(rt, name);
          };
          if (stopped) return stop();
          await channel.presence.subscribe(refresh);
          await withCapability(rt, () => channel.presence.enter(presenceData));
          refresh();
        })
        .catch(warn('enter presence on', name));
      return () => {
        stopped = true;
        stop();
      };
    },
    close() {
      closed = true;
      client?.then((rt) => rt.close()).catch(() => {});
      client = null;
      users.clear();
    },
  };
}
