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
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

export interface DecisionOption {
  /** Sent as body[field]. */
  value: string;
  label: string;
  variant?: 'default' | 'destructive' | 'outline';
  description: string;
  done: string;
}

/**
 * One button per decision; each opens a confirmation that requires a reason, posts it to `url` and
 * refreshes the page. Used by the creator applications and the moderation queue.
 */
export function DecisionButtons({
  url,
  field,
  extra = {},
  subject,
  options,
}: {
  url: string;
  field: string;
  extra?: Record<string, unknown>;
  subject: string;
  options: DecisionOption[];
}) {
  const router = useRouter();
  const [open, setOpen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  function reset(v: string | null) {
    setOpen(v);
    setReason('');
    setError(null);
    setFields({});
  }

  async function submit(e: React.FormEvent, o: DecisionOption) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch(url, { method: 'POST', body: { ...extra, [field]: o.value, reason } });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success(o.done);
    setOpen(null);
    router.refresh();
  }

  return (
    <div className="flex flex-wrap justify-end gap-2">
      {options.map((o) => (
        <Dialog key={o.value} open={open === o.value} onOpenChange={(v) => reset(v ? o.value : null)}>
          <DialogTrigger asChild>
            <Button size="sm" variant={o.variant ?? 'outline'}>
              {o.label}
              <span className="sr-only"> {subject}</span>
            </Button>
          </DialogTrigger>
          <DialogContent>
            <form onSubmit={(e) => submit(e, o)} className="space-y-4">
              <DialogHeader>
                <DialogTitle>
                  {o.label}: {subject}
                </DialogTitle>
                <DialogDescription>{o.description}</DialogDescription>
              </DialogHeader>
              {error ? (
                <Alert variant="destructive">
                  <AlertDescription>{error}</AlertDescription>
                </Alert>
              ) : null}
              <FormField
                label="Reason"
                description="Required; recorded in the audit log"
                error={fields.reason}
                required
              >
                <Textarea
                  name="reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  minLength={3}
                  maxLength={500}
                />
              </FormField>
              <DialogFooter>
                <Button type="button" variant="ghost" onClick={() => setOpen(null)}>
                  Cancel
                </Button>
                <Button
                  type="submit"
                  loading={pending}
                  variant={o.variant === 'destructive' ? 'destructive' : 'default'}
                  disabled={reason.trim().length < 3}
                >
                  {o.label}
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      ))}
    </div>
  );
}
