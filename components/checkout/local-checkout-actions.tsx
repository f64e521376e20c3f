'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useHydrated } from '@/components/ui/use-hydrated';
import { apiFetch } from '@/lib/http/client';

interface PayResult {
  status: 'paid' | 'failed';
  credited: boolean;
  tokens: number;
  redirectTo?: string;
}

/** "Pay" and "Simulate failure" for a local checkout session. */
export function LocalCheckoutActions({ sessionId, tokensLabel }: { sessionId: string; tokensLabel: string }) {
  const router = useRouter();
  const [pending, setPending] = useState<'pay' | 'fail' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();

  async function submit(action: 'pay' | 'fail') {
    setPending(action);
    setError(null);
    const r = await apiFetch<PayResult>(`/api/checkout/local/${action}`, {
      method: 'POST',
      body: { sessionId },
    });
    if (!r.ok) {
      setPending(null);
      setError(r.error.message);
      return;
    }
    if (action === 'pay') {
      // The wallet shows the toast (?purchased=…) after the redirect.
      router.push(r.data.redirectTo ?? '/wallet');
      return;
    }
    setPending(null);
    toast.error('Payment failed (simulated). No tokens were added.');
    router.refresh();
  }

  return (
    <div className="space-y-4">
      {error ? (
        <Alert variant="destructive">
          <AlertTitle>That did not work</AlertTitle>
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          size="lg"
          className="flex-1"
          loading={pending === 'pay'}
          disabled={!hydrated || pending !== null}
          onClick={() => void submit('pay')}
        >
          {pending === 'pay' ? 'Processing payment…' : `Pay and get ${tokensLabel} tokens`}
        </Button>
        <Button
          size="lg"
          variant="outline"
          loading={pending === 'fail'}
          disabled={!hydrated || pending !== null}
          onClick={() => void submit('fail')}
        >
          Simulate failure
        </Button>
      </div>
    </div>
  );
}
