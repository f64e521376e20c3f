'use client';

import { Plus, X } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { LocalTime } from '@/components/ui/local-time';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

export interface ApplicationView {
  status: 'pending' | 'approved' | 'rejected';
  pitch: string;
  decisionReason: string | null;
  decidedAt: string | null;
  createdAt: string;
}

/**
 * On the profile page: a fan applies to become a creator (pitch + up to 5 links) and then sees the status
 * of their latest application, with the admin's reason once decided.
 */
export function CreatorApplicationCard({
  role,
  application,
}: {
  role: string;
  application: ApplicationView | null;
}) {
  const router = useRouter();
  const [pitch, setPitch] = useState('');
  const [links, setLinks] = useState<{ key: number; value: string }[]>([{ key: 0, value: '' }]);
  const [nextKey, setNextKey] = useState(1);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/creator-applications', {
      method: 'POST',
      body: { pitch, links: links.map((l) => l.value.trim()).filter(Boolean) },
    });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success('Application sent — we will email you the decision.');
    setPitch('');
    setLinks([{ key: nextKey, value: '' }]);
    setNextKey(nextKey + 1);
    setFields({});
    router.refresh();
  }

  const status = application ? (
    <div className="space-y-2 text-sm" data-testid="creator-application-status">
      <div className="flex items-center gap-2">
        <span>Your application</span>
        <Badge
          variant={
            application.status === 'approved'
              ? 'success'
              : application.status === 'rejected'
                ? 'destructive'
                : 'warning'
          }
        >
          {application.status === 'pending'
            ? 'Waiting for review'
            : application.status === 'approved'
              ? 'Approved'
              : 'Not approved'}
        </Badge>
      </div>
      <p className="text-muted-foreground">
        Sent <LocalTime value={application.createdAt} />
        {application.decidedAt ? (
          <>
            {' '}
            · decided <LocalTime value={application.decidedAt} />
          </>
        ) : null}
      </p>
      {application.decisionReason ? <p>Note from the team: {application.decisionReason}</p> : null}
    </div>
  ) : null;

  if (role !== 'fan' || application?.status === 'pending') {
    return status ?? <p className="text-sm text-muted-foreground">You already have creator tools.</p>;
  }

  return (
    <div className="space-y-4">
      {status}
      {application?.status === 'rejected' ? (
        <p className="text-sm text-muted-foreground">You can apply again with more detail.</p>
      ) : null}
      <form onSubmit={submit} className="space-y-3" noValidate>
        {error ? (
          <Alert variant="destructive">
            <AlertTitle>Could not send the application</AlertTitle>
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <FormField
          label="Your pitch"
          description="What you make and for whom — 20 to 2000 characters"
          error={fields.pitch}
          required
        >
          <Textarea
            value={pitch}
            onChange={(e) => setPitch(e.target.value)}
            maxLength={2000}
            rows={4}
            required
          />
        </FormField>
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Links to your work (optional, up to 5)</legend>
          {links.map((l, i) => (
            <div key={l.key} className="flex gap-2">
              <FormField label={`Link ${i + 1}`} className="flex-1" error={fields[`links.${i}`]} hideLabel>
                <Input
                  type="url"
                  inputMode="url"
                  placeholder="https://"
                  value={l.value}
                  onChange={(e) =>
                    setLinks(links.map((x) => (x.key === l.key ? { ...x, value: e.target.value } : x)))
                  }
                  maxLength={300}
                />
              </FormField>
              {links.length > 1 ? (
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  onClick={() => setLinks(links.filter((x) => x.key !== l.key))}
                >
                  <X aria-hidden />
                  <span className="sr-only">Remove link {i + 1}</span>
                </Button>
              ) : null}
            </div>
          ))}
          {fields.links ? <p className="text-sm text-destructive">{fields.links.join(' ')}</p> : null}
          {links.length < 5 ? (
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => {
                setLinks([...links, { key: nextKey, value: '' }]);
                setNextKey(nextKey + 1);
              }}
            >
              <Plus aria-hidden /> Add a link
            </Button>
          ) : null}
        </fieldset>
        <Button type="submit" loading={pending} disabled={pitch.trim().length < 20}>
          Apply to become a creator
        </Button>
      </form>
    </div>
  );
}
