import 'server-only';
import { ablyRest } from './ably-rest';
import { parseChannel } from './channels';
import { localBus, type PresenceMember } from './local-bus';

/**
 * Publishes one event to a channel: Ably REST when ABLY_API_KEY is set, else the in-process bus that
 * /api/realtime/stream relays. Only the server publishes app events; access is decided by the channel.
 */
export async function publish(channel: string, name: string, data: unknown): Promise<void> {
  if (!parseChannel(channel)) throw new RangeError(`Not a realtime channel name: "${channel}"`);
  if (!name || name.length > 100) throw new RangeError('Realtime event names are 1–100 characters');
  const rest = ablyRest();
  if (rest) {
    await (await rest).channels.get(channel).publish(name, data);
    return;
  }
  // A JSON copy, as Ably would deliver it: unserialisable data fails here, at the publisher, and
  // subscribers never share an object with it.
  const json = JSON.stringify(data ?? null);
  localBus().publish(channel, name, JSON.parse(json));
}

/** Who is present on a channel right now, once per user (clientId = user id). */
export async function presenceMembers(channel: string): Promise<PresenceMember[]> {
  const rest = ablyRest();
  if (!rest) return localBus().members(channel);
  const page = await (await rest).channels.get(channel).presence.get();
  const byClient = new Map<string, PresenceMember>();
  for (const m of page.items) {
    if (m.clientId && !byClient.has(m.clientId))
      byClient.set(m.clientId, { clientId: m.clientId, data: m.data });
  }
  return [...byClient.values()];
}
