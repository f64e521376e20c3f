'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';

export function SessionActions() {
  const router = useRouter();
  const [busy, setBusy] = useState<'one' | 'all' | null>(null);

  async function run(kind: 'one' | 'all') {
    setBusy(kind);
    const r = await apiFetch(kind === 'one' ? '/api/auth/signout' : '/api/auth/signout-everywhere', {
      method: 'POST',
      body: {},
    });
    setBusy(null);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success(kind === 'one' ? 'Signed out' : 'Signed out on every device');
    router.push('/');
    router.refresh();
  }

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="outline"
        loading={busy === 'one'}
        disabled={busy !== null}
        onClick={() => void run('one')}
      >
        Sign out
      </Button>
      <Button
        variant="outline"
        loading={busy === 'all'}
        disabled={busy !== null}
        onClick={() => void run('all')}
      >
        Sign out everywhere
      </Button>
    </div>
  );
}
