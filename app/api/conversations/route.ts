import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { getOrCreateConversation, listConversations } from '@/lib/messages/conversations';
import { ConversationsQuery, StartConversationSchema } from '@/lib/messages/schemas';

export const dynamic = 'force-dynamic';

/** The caller's conversations, newest first (next page: `before` = nextBefore, `beforeId` = nextBeforeId). */
export const GET = route({ auth: 'user', query: ConversationsQuery }, async ({ viewer, query }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return listConversations(viewer.claims, {
    limit: query.limit,
    before: query.before,
    beforeId: query.beforeId,
  });
});

/** Opens (or creates) the conversation with userId. */
export const POST = route({ auth: 'user', body: StartConversationSchema }, async ({ viewer, body }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  return getOrCreateConversation(viewer.claims, body.userId);
});
