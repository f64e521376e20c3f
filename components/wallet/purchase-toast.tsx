'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { toast } from 'sonner';

/**
 * Shows the result of a checkout once (the ?purchased= / ?canceled= flag set by the success and cancel
 * URLs), then drops the flag from the address so a reload does not repeat it. `purchased` is the sentence
 * to show, e.g. "550 tokens were added to your wallet."
 */
export function PurchaseToast({ purchased, canceled }: { purchased: string | null; canceled: boolean }) {
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (!purchased && !canceled) return;
    if (purchased) {
      toast.success('Payment received', { id: 'checkout-result', description: purchased });
    } else {
      toast.info('Checkout canceled — nothing was charged.', { id: 'checkout-result' });
    }
    router.replace(pathname, { scroll: false });
  }, [purchased, canceled, router, pathname]);
  return null;
}
