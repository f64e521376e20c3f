'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Publish a post: public, or for one tier and above. */
export function PostComposer({ tiers }: { tiers: { level: number; name: string }[] }) {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [mediaUrl, setMediaUrl] = useState('');
  const [level, setLevel] = useState(tiers[0] ? String(tiers[0].level) : '');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/posts', {
      method: 'POST',
      body: {
        title,
        body,
        mediaUrl: mediaUrl.trim() || null,
        requiredLevel: level === '' ? null : Number(level),
      },
    });
    setPending(false);
    setErrors(fieldErrors(r));
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setTitle('');
    setBody('');
    setMediaUrl('');
    toast.success('Post published');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="New post">
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label="Title" error={errors.title} required>
        <Input id="post-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={120} />
      </FormField>
      <FormField label="Text" error={errors.body} required>
        <Textarea id="post-body" value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField label="Media link" error={errors.mediaUrl} description="Optional: an image or video URL">
          <Input id="post-media" type="url" value={mediaUrl} onChange={(e) => setMediaUrl(e.target.value)} />
        </FormField>
        <FormField label="Who can read it" error={errors.requiredLevel}>
          <NativeSelect id="post-level" value={level} onChange={(e) => setLevel(e.target.value)}>
            <option value="">Everyone (public)</option>
            {tiers.map((t) => (
              <option key={t.level} value={String(t.level)}>
                {t.name} and above
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? 'Publishing…' : 'Publish'}
      </Button>
    </form>
  );
}
