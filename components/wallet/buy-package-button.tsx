'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

/** Starts checkout for one package and follows the returned URL (Stripe Checkout or the local page). */
export function BuyPackageButton({ packageId, label }: { packageId: string; label: string }) {
  const [pending, setPending] = useState(false);

  async function buy() {
    setPending(true);
    const r = await apiFetch<{ url: string }>('/api/tokens/checkout', {
      method: 'POST',
      body: { packageId },
    });
    if (!r.ok) {
      setPending(false);
      toast.error(r.error.message);
      return;
    }
    // Stays "loading" until the checkout page replaces this one.
    window.location.assign(r.data.url);
  }

  return (
    <Button className="w-full" loading={pending} onClick={() => void buy()} aria-label={label}>
      {pending ? 'Opening checkout…' : 'Buy'}
    </Button>
  );
}
