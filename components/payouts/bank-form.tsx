'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Payout setup: Stripe Connect onboarding (managed) or simulated bank details (local mode). */
export function PayoutSetup({ mode }: { mode: 'stripe' | 'simulated' }) {
  const router = useRouter();
  const [holder, setHolder] = useState('');
  const [iban, setIban] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(body?: unknown) {
    setPending(true);
    setError(null);
    const r = await apiFetch<{ onboardingUrl?: string }>('/api/payouts/account', {
      method: 'POST',
      body: body ?? {},
    });
    setPending(false);
    setErrors(fieldErrors(r));
    if (!r.ok) return setError(r.error.message);
    if (r.data.onboardingUrl) return window.location.assign(r.data.onboardingUrl);
    toast.success('Payout details saved');
    router.refresh();
  }

  if (mode === 'stripe') {
    return (
      <div className="space-y-3">
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <p className="text-sm text-muted-foreground">
          Payouts go to a Stripe Express account in your name. Stripe collects your identity and bank details.
        </p>
        <Button disabled={pending} onClick={() => submit()}>
          {pending ? 'Opening Stripe…' : 'Set up payouts with Stripe'}
        </Button>
      </div>
    );
  }
  return (
    <form
      className="space-y-3"
      noValidate
      aria-label="Bank details"
      onSubmit={(e) => {
        e.preventDefault();
        void submit({ holder, iban });
      }}
    >
      <Alert>
        <AlertDescription>
          Local mode: no money moves. Bank details are recorded as <strong>simulated</strong> and only the
          last 4 characters are kept.
        </AlertDescription>
      </Alert>
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Account holder" error={errors.holder} required>
          <Input
            id="bank-holder"
            value={holder}
            onChange={(e) => setHolder(e.target.value)}
            autoComplete="name"
          />
        </FormField>
        <FormField label="IBAN" error={errors.iban} required>
          <Input id="bank-iban" value={iban} onChange={(e) => setIban(e.target.value)} placeholder="FR76 …" />
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Saving…' : 'Save bank details'}
      </Button>
    </form>
  );
}
