'use client';

import { Download } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { apiFetch } from '@/lib/http/client';

type Props = {
  orderId: string;
  kind: 'digital' | 'physical';
  status: 'pending' | 'shipped' | 'completed';
  side: 'bought' | 'sold';
};

/** Per-order actions: download (digital buyer), mark shipped (creator), mark received/completed. */
export function OrderActions({ orderId, kind, status, side }: Props) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [tracking, setTracking] = useState('');

  async function move(next: 'shipped' | 'completed') {
    setPending(true);
    const r = await apiFetch(`/api/orders/${orderId}/status`, {
      method: 'POST',
      body: { status: next, tracking: tracking || undefined },
    });
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    toast.success(next === 'shipped' ? 'Marked as shipped' : 'Order completed');
    router.refresh();
  }

  async function download() {
    setPending(true);
    const r = await apiFetch<{ url: string }>(`/api/orders/${orderId}/download-link`, { method: 'POST' });
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    window.location.assign(r.data.url);
  }

  if (kind === 'digital') {
    return side === 'bought' ? (
      <Button size="sm" variant="outline" disabled={pending} onClick={download}>
        <Download aria-hidden /> {pending ? 'Preparing…' : 'Download'}
      </Button>
    ) : null;
  }
  if (status === 'pending' && side === 'sold') {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Input
          aria-label="Tracking number (optional)"
          placeholder="Tracking (optional)"
          value={tracking}
          onChange={(e) => setTracking(e.target.value)}
          className="h-8 w-40"
          maxLength={200}
        />
        <Button size="sm" disabled={pending} onClick={() => move('shipped')}>
          Mark shipped
        </Button>
      </div>
    );
  }
  if (status === 'shipped') {
    return (
      <Button size="sm" variant="outline" disabled={pending} onClick={() => move('completed')}>
        {side === 'bought' ? 'I received it' : 'Mark completed'}
      </Button>
    );
  }
  return null;
}
