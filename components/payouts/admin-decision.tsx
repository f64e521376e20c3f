'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiFetch } from '@/lib/http/client';

/** Approve (transfer runs at once) or reject with a reason. */
export function AdminPayoutDecision({ id, label }: { id: string; label: string }) {
  const router = useRouter();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);

  async function decide(approve: boolean) {
    setPending(true);
    const r = await apiFetch<{ payout: { status: string; reason: string | null } }>(
      `/api/admin/payouts/${id}`,
      {
        method: 'POST',
        body: approve ? { approve } : { approve, reason },
      },
    );
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    const s = r.data.payout.status;
    if (s === 'paid') toast.success(`Paid ${label}`);
    else if (s === 'failed')
      toast.error(`Transfer failed: ${r.data.payout.reason}. The tokens were returned.`);
    else toast.success(`Rejected ${label}`);
    router.refresh();
  }

  if (rejecting) {
    return (
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void decide(false);
        }}
      >
        <Input
          aria-label={`Reason for rejecting ${label}`}
          placeholder="Reason (shown to the creator)"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="h-8 w-56"
          maxLength={500}
        />
        <Button size="sm" variant="destructive" type="submit" disabled={pending || reason.trim().length < 3}>
          Reject
        </Button>
        <Button size="sm" variant="ghost" type="button" onClick={() => setRejecting(false)}>
          Back
        </Button>
      </form>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      <Button size="sm" disabled={pending} onClick={() => decide(true)} aria-label={`Approve ${label}`}>
        {pending ? 'Paying…' : 'Approve'}
      </Button>
      <Button
        size="sm"
        variant="outline"
        disabled={pending}
        onClick={() => setRejecting(true)}
        aria-label={`Reject ${label}`}
      >
        Reject
      </Button>
    </div>
  );
}
