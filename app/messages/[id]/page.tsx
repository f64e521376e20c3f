import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { ConversationList } from '@/components/messages/conversation-list';
import { Thread } from '@/components/messages/thread';
import { requireRole } from '@/lib/auth/viewer';
import { AppError } from '@/lib/http/errors';
import { getConversation, listConversations } from '@/lib/messages/conversations';
import { listMessages } from '@/lib/messages/list-messages';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Conversation' };

type Params = { params: Promise<{ id: string }> };

export default async function ConversationPage({ params }: Params) {
  const { id } = await params;
  const viewer = await requireRole(['fan', 'creator', 'staff', 'admin'], `/messages/${id}`);
  if (!z.uuid().safeParse(id).success) notFound();
  const conversation = await getConversation(viewer.claims, id).catch((err: unknown) => {
    if (err instanceof AppError && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const [page, list] = await Promise.all([
    listMessages(viewer.claims, id, { limit: 30 }),
    listConversations(viewer.claims, { limit: 30 }),
  ]);
  return (
    <div className="grid gap-4 lg:grid-cols-[20rem_1fr]">
      <aside className="hidden max-h-[calc(100dvh-9rem)] overflow-y-auto lg:block">
        <ConversationList userId={viewer.profile.id} initial={list} activeId={id} />
      </aside>
      <Thread
        key={id}
        me={{ id: viewer.profile.id, role: viewer.profile.role }}
        conversation={conversation}
        initial={page}
      />
    </div>
  );
}
