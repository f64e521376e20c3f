import type { Metadata } from 'next';
import Link from 'next/link';
import { ConversationList } from '@/components/messages/conversation-list';
import { MessagePriceForm } from '@/components/messages/message-price-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/auth/viewer';
import { listConversations } from '@/lib/messages/conversations';
import { getMessagePrice } from '@/lib/messages/settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Messages' };

export default async function MessagesPage() {
  const viewer = await requireRole(['fan', 'creator', 'staff', 'admin'], '/messages');
  const isCreator = viewer.profile.role === 'creator';
  const [list, price] = await Promise.all([
    listConversations(viewer.claims, { limit: 30 }),
    isCreator ? getMessagePrice(viewer.claims, viewer.profile.id) : Promise.resolve(0),
  ]);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Messages</h1>
          <p className="text-sm text-muted-foreground">Your conversations, newest first.</p>
        </div>
        <Link href="/settings/notifications" className="text-sm text-primary hover:underline">
          Notification settings
        </Link>
      </div>
      {isCreator ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Paid messages</CardTitle>
            <CardDescription>
              Charge fans for each message they send you. Your replies are always free.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <MessagePriceForm initial={price} />
          </CardContent>
        </Card>
      ) : null}
      <ConversationList userId={viewer.profile.id} initial={list} />
    </div>
  );
}
