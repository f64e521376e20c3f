'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';

interface Initial {
  id?: number;
  name: string;
  startsOn: string;
  endsOn: string;
}

/** Create or edit a campaign (a named timeframe in the guild's local days). */
export function CampaignForm({
  guildId,
  initial,
  onDone,
}: {
  guildId: string;
  initial?: Initial;
  onDone?: () => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<Initial>(initial ?? { name: '', startsOn: '', endsOn: '' });
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const editing = initial?.id !== undefined;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const url = `/api/dashboard/guilds/${guildId}/campaigns${editing ? `/${initial?.id}` : ''}`;
    const body = { name: values.name, startsOn: values.startsOn, endsOn: values.endsOn };
    const r = await apiFetch(url, { method: editing ? 'PATCH' : 'POST', body });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    setFields({});
    toast.success(editing ? 'Campaign saved' : 'Campaign added');
    if (!editing) setValues({ name: '', startsOn: '', endsOn: '' });
    onDone?.();
    router.refresh();
  }

  const prefix = editing ? `edit-${initial?.id}` : 'new';
  return (
    <form
      onSubmit={onSubmit}
      className="space-y-3"
      noValidate
      aria-label={editing ? 'Edit campaign' : 'New campaign'}
    >
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <FormField label="Campaign name" id={`${prefix}-campaign-name`} error={fields.name} required>
          <Input
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
            maxLength={80}
            placeholder="Summer Campaign"
            required
          />
        </FormField>
        <FormField label="First day" id={`${prefix}-campaign-start`} error={fields.startsOn} required>
          <Input
            type="date"
            value={values.startsOn}
            onChange={(e) => setValues((v) => ({ ...v, startsOn: e.target.value }))}
            required
          />
        </FormField>
        <FormField label="Last day" id={`${prefix}-campaign-end`} error={fields.endsOn} required>
          <Input
            type="date"
            value={values.endsOn}
            onChange={(e) => setValues((v) => ({ ...v, endsOn: e.target.value }))}
            required
          />
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save' : 'Add campaign'}
        </Button>
      </div>
    </form>
  );
}

export function DeleteCampaignButton({ guildId, id, name }: { guildId: string; id: number; name: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function onClick() {
    if (
      !window.confirm(`Are you sure? The campaign “${name}” will be deleted (activity data is not affected).`)
    )
      return;
    setPending(true);
    const r = await apiFetch(`/api/dashboard/guilds/${guildId}/campaigns/${id}`, { method: 'DELETE' });
    setPending(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success('Campaign deleted');
    router.refresh();
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      onClick={onClick}
      disabled={pending}
      aria-label={`${name}: delete`}
    >
      {pending ? 'Deleting…' : 'Delete'}
    </Button>
  );
}

export function EditCampaign({ guildId, campaign }: { guildId: string; campaign: Initial & { id: number } }) {
  const [open, setOpen] = useState(false);
  return open ? (
    <div className="mt-2 rounded-lg border p-3">
      <CampaignForm guildId={guildId} initial={campaign} onDone={() => setOpen(false)} />
      <Button type="button" variant="ghost" size="sm" className="mt-2" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </div>
  ) : (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      onClick={() => setOpen(true)}
      aria-label={`${campaign.name}: edit`}
    >
      Edit
    </Button>
  );
}
