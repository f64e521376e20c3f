'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

/** Cancel (access to period end) or resubscribe, from the fan's subscriptions list. */
export function MySubscriptionActions(p: {
  id: string;
  tierId: string;
  live: boolean;
  cancelAtPeriodEnd: boolean;
  creatorUsername: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function run(url: string, body: unknown, done: string) {
    setPending(true);
    const r = await apiFetch(url, { method: 'POST', body });
    setPending(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success(done);
    router.refresh();
  }
  if (p.live && !p.cancelAtPeriodEnd) {
    return (
      <Button
        variant="outline"
        disabled={pending}
        onClick={() =>
          run(`/api/subscriptions/${p.id}/cancel`, {}, 'Cancelled: access continues to the end of the month')
        }
      >
        {pending ? 'Cancelling…' : 'Cancel subscription'}
      </Button>
    );
  }
  if (p.live) {
    return (
      <Button
        disabled={pending}
        onClick={() => run('/api/subscriptions', { tierId: p.tierId }, 'Subscription resumed')}
      >
        {pending ? 'Resuming…' : 'Resubscribe'}
      </Button>
    );
  }
  return (
    <Button asChild variant="outline">
      <Link href={`/creators/${p.creatorUsername}`}>Subscribe again</Link>
    </Button>
  );
}
