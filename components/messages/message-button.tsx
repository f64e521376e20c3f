'use client';

import { MessageSquare } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

/** "Message" on a profile: opens (or creates) the conversation, or asks an anonymous visitor to sign in. */
export function MessageButton({
  userId,
  username,
  signedIn,
  price = 0,
}: {
  userId: string;
  username: string;
  signedIn: boolean;
  /** What each message from the viewer costs (a creator's premium price), 0 when free. */
  price?: number;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  if (!signedIn) {
    return (
      <Button asChild variant="outline">
        <Link href={`/signin?next=${encodeURIComponent(`/creators/${username}`)}`}>
          <MessageSquare aria-hidden /> Message
        </Link>
      </Button>
    );
  }
  async function open() {
    setBusy(true);
    const r = await apiFetch<{ id: string }>('/api/conversations', { method: 'POST', body: { userId } });
    if (!r.ok) {
      setBusy(false);
      toast.error(r.error.message);
      return;
    }
    router.push(`/messages/${r.data.id}`);
  }
  return (
    <div className="flex flex-col items-stretch gap-1 sm:items-end">
      <Button variant="outline" onClick={open} disabled={busy} data-testid="message-button">
        <MessageSquare aria-hidden /> {busy ? 'Opening…' : 'Message'}
      </Button>
      {price > 0 ? (
        <span className="text-center text-xs text-muted-foreground">{price} tokens per message</span>
      ) : null}
    </div>
  );
}
