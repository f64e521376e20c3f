'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

type Props =
  | { kind: 'budget'; guildId: string; budgetUsd: number; hardLimitUsd: number }
  | { kind: 'cycle'; startDay: number };

/** Edits a guild's AI budget + hard limit, or the billing cycle start day; a reason is required (audited). */
export function AiSettingEditor(props: Props) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [budget, setBudget] = useState(props.kind === 'budget' ? String(props.budgetUsd) : '');
  const [limit, setLimit] = useState(props.kind === 'budget' ? String(props.hardLimitUsd) : '');
  const [day, setDay] = useState(props.kind === 'cycle' ? String(props.startDay) : '');
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r =
      props.kind === 'budget'
        ? await apiFetch('/api/admin/ai-costs/budgets', {
            method: 'POST',
            body: { guildId: props.guildId, budgetUsd: budget, hardLimitUsd: limit, reason },
          })
        : await apiFetch('/api/admin/ai-costs/cycle', { method: 'POST', body: { startDay: day, reason } });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success(props.kind === 'budget' ? `Budget of guild ${props.guildId} saved` : 'Billing cycle saved');
    setOpen(false);
    router.refresh();
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setReason('');
        setError(null);
        setFields({});
      }}
    >
      <DialogTrigger asChild>
        <Button size={props.kind === 'budget' ? 'sm' : 'default'} variant="outline">
          {props.kind === 'budget' ? 'Edit' : 'Change cycle start'}
          {props.kind === 'budget' ? <span className="sr-only"> budget of guild {props.guildId}</span> : null}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="space-y-4" noValidate>
          <DialogHeader>
            <DialogTitle>
              {props.kind === 'budget' ? `AI budget of guild ${props.guildId}` : 'AI billing cycle'}
            </DialogTitle>
            <DialogDescription>
              {props.kind === 'budget'
                ? 'Crossing the budget logs a warning; a request that would cross the hard limit is refused.'
                : 'The day of the month (UTC) a new cycle starts. Budgets and hard limits count spend per cycle.'}
            </DialogDescription>
          </DialogHeader>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          {props.kind === 'budget' ? (
            <div className="grid gap-4 sm:grid-cols-2">
              <FormField label="Budget per cycle (USD)" error={fields.budgetUsd} required>
                <Input
                  inputMode="decimal"
                  value={budget}
                  onChange={(e) => setBudget(e.target.value)}
                  required
                />
              </FormField>
              <FormField label="Hard limit (USD)" error={fields.hardLimitUsd} required>
                <Input
                  inputMode="decimal"
                  value={limit}
                  onChange={(e) => setLimit(e.target.value)}
                  required
                />
              </FormField>
            </div>
          ) : (
            <FormField label="Cycle starts on day" description="1 to 28" error={fields.startDay} required>
              <Input
                type="number"
                min={1}
                max={28}
                value={day}
                onChange={(e) => setDay(e.target.value)}
                required
              />
            </FormField>
          )}
          <FormField
            label="Reason"
            description="Required; recorded in the audit log"
            error={fields.reason}
            required
          >
            <Textarea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              required
              minLength={3}
              maxLength={500}
            />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={reason.trim().length < 3}>
              Save
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
