'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Request a payout (defaults to everything available) and the automatic weekly switch. */
export function PayoutRequestForm({
  available,
  minTokens,
  autoWeekly,
}: {
  available: number;
  minTokens: number;
  autoWeekly: boolean;
}) {
  const router = useRouter();
  const [amount, setAmount] = useState(String(available));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [auto, setAuto] = useState(autoWeekly);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/payouts', {
      method: 'POST',
      body: { amount: amount.trim() === '' ? Number.NaN : Number(amount) },
    });
    setPending(false);
    setErrors(fieldErrors(r));
    if (!r.ok) return setError(r.error.message);
    toast.success('Payout requested: an admin reviews it shortly');
    router.refresh();
  }

  async function toggleAuto(enabled: boolean) {
    setAuto(enabled);
    const r = await apiFetch('/api/payouts/auto', { method: 'PUT', body: { enabled } });
    if (!r.ok) {
      setAuto(!enabled);
      return void toast.error(r.error.message);
    }
    toast.success(enabled ? 'Automatic weekly payouts on' : 'Automatic weekly payouts off');
  }

  return (
    <div className="space-y-4">
      <form
        onSubmit={onSubmit}
        className="flex flex-wrap items-end gap-3"
        noValidate
        aria-label="Request a payout"
      >
        <FormField
          label="Tokens to pay out"
          error={errors.amount}
          description={`Minimum ${minTokens} tokens`}
          className="min-w-48 flex-1"
        >
          <Input
            id="payout-amount"
            inputMode="numeric"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
          />
        </FormField>
        <Button type="submit" disabled={pending || available < minTokens}>
          {pending ? 'Requesting…' : 'Request payout'}
        </Button>
      </form>
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          className="size-4"
          checked={auto}
          onChange={(e) => void toggleAuto(e.target.checked)}
        />
        Pay out automatically every week when at least {minTokens} tokens are available
      </label>
    </div>
  );
}
