'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

export interface EditableTier {
  id?: string;
  level: number;
  name: string;
  price: number;
  perks: string;
  memberCap: number | null;
  active: boolean;
  discordGuildId: string | null;
  discordRoleId: string | null;
  subscriberCount?: number;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

/** One tier's form: create (no id) or edit. A price change is announced to subscribers by the server. */
export function TierForm({ tier, onSaved }: { tier: EditableTier; onSaved?: () => void }) {
  const router = useRouter();
  const [f, setF] = useState({
    name: tier.name,
    price: String(tier.price || ''),
    perks: tier.perks,
    memberCap: tier.memberCap === null ? '' : String(tier.memberCap),
    active: tier.active,
    guild: tier.discordGuildId ?? '',
    role: tier.discordRoleId ?? '',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const idp = `tier-${tier.level}`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch<{ announced: number }>('/api/tiers', {
      method: 'POST',
      body: {
        id: tier.id,
        level: tier.level,
        name: f.name,
        price: num(f.price),
        perks: f.perks,
        memberCap: f.memberCap.trim() === '' ? null : num(f.memberCap),
        active: f.active,
        discordGuildId: f.guild.trim() || null,
        discordRoleId: f.role.trim() || null,
      },
    });
    setPending(false);
    setErrors(fieldErrors(r));
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    toast.success(
      r.data.announced > 0
        ? `Saved. ${r.data.announced} subscriber(s) were emailed: the new price applies from their next month.`
        : 'Tier saved',
    );
    onSaved?.();
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label={`Tier ${tier.level}`}>
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Name" error={errors.name} required className="sm:col-span-2">
          <Input
            id={`${idp}-name`}
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            maxLength={60}
          />
        </FormField>
        <FormField label="Tokens / month" error={errors.price} required>
          <Input
            id={`${idp}-price`}
            inputMode="numeric"
            value={f.price}
            onChange={(e) => setF({ ...f, price: e.target.value })}
          />
        </FormField>
      </div>
      <FormField label="Perks" error={errors.perks} description="What subscribers of this tier get.">
        <Textarea
          id={`${idp}-perks`}
          rows={2}
          value={f.perks}
          onChange={(e) => setF({ ...f, perks: e.target.value })}
        />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Member cap" error={errors.memberCap} description="Empty = unlimited">
          <Input
            id={`${idp}-cap`}
            inputMode="numeric"
            value={f.memberCap}
            onChange={(e) => setF({ ...f, memberCap: e.target.value })}
          />
        </FormField>
        <FormField label="Discord server id" error={errors.discordGuildId} description="Optional">
          <Input
            id={`${idp}-guild`}
            value={f.guild}
            onChange={(e) => setF({ ...f, guild: e.target.value })}
          />
        </FormField>
        <FormField
          label="Discord role id"
          error={errors.discordRoleId}
          description="Given to linked subscribers"
        >
          <Input id={`${idp}-role`} value={f.role} onChange={(e) => setF({ ...f, role: e.target.value })} />
        </FormField>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={f.active}
            onChange={(e) => setF({ ...f, active: e.target.checked })}
            className="size-4"
          />
          Open to new subscribers
        </label>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : tier.id ? 'Save tier' : 'Create tier'}
        </Button>
      </div>
    </form>
  );
}
