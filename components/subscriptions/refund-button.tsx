'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiFetch } from '@/lib/http/client';

/** Refund a subscriber's current month (reason required); access ends now and the Discord role goes. */
export function RefundButton({ id, fan }: { id: string; fan: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  async function refund(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const r = await apiFetch(`/api/subscriptions/${id}/refund`, { method: 'POST', body: { reason } });
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    toast.success(`Refunded @${fan}: their subscription has ended`);
    router.refresh();
  }
  if (!open) {
    return (
      <Button size="sm" variant="ghost" onClick={() => setOpen(true)} aria-label={`Refund @${fan}`}>
        Refund
      </Button>
    );
  }
  return (
    <form onSubmit={refund} className="flex flex-wrap items-center gap-2">
      <Input
        aria-label={`Reason for refunding @${fan}`}
        placeholder="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        className="h-8 w-40"
        maxLength={500}
      />
      <Button size="sm" variant="destructive" type="submit" disabled={pending || reason.trim().length < 3}>
        {pending ? 'Refunding…' : 'Refund month'}
      </Button>
      <Button size="sm" variant="ghost" type="button" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </form>
  );
}
