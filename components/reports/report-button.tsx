'use client';

import { Flag } from 'lucide-react';
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
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';
import { REPORT_CATEGORIES, REPORT_CATEGORY_LABELS } from '@/lib/reports/schemas';

/** "Report" on a profile: a reason and optional details, sent to the admins' moderation queue. */
export function ReportButton({ targetId, targetName }: { targetId: string; targetName: string }) {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState('');
  const [details, setDetails] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/reports', { method: 'POST', body: { targetId, category, details } });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success('Thanks — an admin will review your report.');
    setOpen(false);
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        setCategory('');
        setDetails('');
        setError(null);
        setFields({});
      }}
    >
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm">
          <Flag aria-hidden /> Report
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="space-y-4">
          <DialogHeader>
            <DialogTitle>Report {targetName}</DialogTitle>
            <DialogDescription>
              Reports go to the CommunityOS admins, who review each one. {targetName} is not told who reported
              them.
            </DialogDescription>
          </DialogHeader>
          {error ? (
            <Alert variant="destructive">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <FormField label="What is wrong?" error={fields.category} required>
            <NativeSelect value={category} onChange={(e) => setCategory(e.target.value)} required>
              <option value="" disabled>
                Choose a reason
              </option>
              {REPORT_CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {REPORT_CATEGORY_LABELS[c]}
                </option>
              ))}
            </NativeSelect>
          </FormField>
          <FormField
            label="Details"
            description={
              category === 'other' ? 'Required: at least 10 characters' : 'Optional; up to 1000 characters'
            }
            error={fields.details}
          >
            <Textarea value={details} onChange={(e) => setDetails(e.target.value)} maxLength={1000} />
          </FormField>
          <DialogFooter>
            <Button type="button" variant="ghost" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={pending}
              disabled={!category || (category === 'other' && details.trim().length < 10)}
            >
              Send report
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
