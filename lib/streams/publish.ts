import 'server-only';
import { publish, streamChannel } from '@/lib/adapters/realtime';
import { logError } from '@/lib/log/log';

/**
 * Tells everyone on stream:<id> what changed. Best effort after the commit: the database is the truth and
 * the live page reloads chat and events from it on (re)connect, so a lost message is only late.
 */
export async function publishStream(streamId: string, name: string, data: unknown): Promise<void> {
  await publish(streamChannel(streamId), name, data).catch((err) =>
    logError('streams.publish', err, { streamId, name }),
  );
}
