import 'server-only';
import { conversationChannel, publish, userChannel } from '@/lib/adapters/realtime';
import { writeLog } from '@/lib/log/log';
import type { ConversationEvent } from './types';

/**
 * Realtime fan-out of messaging changes: the conversation channel (both open thread windows) and each
 * participant's user channel ('inbox': their list and header badge refresh). A failed publish is logged;
 * the change itself is already committed and the next page load shows it.
 */
export async function publishConversation(conversationId: string, event: ConversationEvent): Promise<void> {
  await publish(conversationChannel(conversationId), event.name, event.data).catch((err: unknown) =>
    writeLog(
      'warn',
      'messages.realtime',
      'publish failed',
      { conversationId, event: event.name },
      undefined,
      err,
    ),
  );
}

export async function publishInbox(userIds: string[], conversationId: string): Promise<void> {
  await Promise.all(
    userIds.map((id) =>
      publish(userChannel(id), 'inbox', { conversationId }).catch((err: unknown) =>
        writeLog('warn', 'messages.realtime', 'inbox publish failed', { conversationId }, undefined, err),
      ),
    ),
  );
}
