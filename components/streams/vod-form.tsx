'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Store (or clear) the recording URL of a stream. Recording itself is not automated (no cloud recording). */
export function VodForm({ streamId, initial }: { streamId: string; initial: string | null }) {
  const [url, setUrl] = useState(initial ?? '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string[] | undefined>();
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setPending(true);
    const r = await apiFetch(`/api/streams/${streamId}/vod`, {
      method: 'PUT',
      body: { url: url.trim() || null },
    });
    setPending(false);
    if (r.ok) {
      setError(undefined);
      toast.success(url.trim() ? 'Recording link saved' : 'Recording link removed');
    } else setError(fieldErrors(r).url ?? [r.error.message]);
  };
  return (
    <form onSubmit={save} className="flex flex-col gap-2 sm:flex-row sm:items-end" noValidate>
      <FormField
        label="Recording URL"
        className="flex-1"
        error={error}
        description="Paste a link to the recording (e.g. from your video host); viewers of this stream can open it."
      >
        <Input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://…" />
      </FormField>
      <Button type="submit" variant="outline" loading={pending}>
        Save
      </Button>
    </form>
  );
}
