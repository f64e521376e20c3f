'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

/** Takes a product off sale or back on. */
export function ProductActiveToggle({ id, name, active }: { id: string; name: string; active: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function toggle() {
    setPending(true);
    const r = await apiFetch(`/api/shop/products/${id}`, { method: 'PATCH', body: { active: !active } });
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    toast.success(active ? `${name} is off sale` : `${name} is on sale`);
    router.refresh();
  }
  return (
    <Button
      size="sm"
      variant={active ? 'outline' : 'secondary'}
      disabled={pending}
      onClick={toggle}
      aria-pressed={active}
    >
      {active ? 'On sale — pause' : 'Paused — resume'}
    </Button>
  );
}
