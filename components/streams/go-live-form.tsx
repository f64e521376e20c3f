'use client';

import { Radio } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { apiFetch, fieldErrors } from '@/lib/http/client';
import { STREAM_CATEGORIES, StartStreamSchema, TITLE_MAX } from '@/lib/streams/schemas';
import type { StreamDetails } from '@/lib/streams/types';

/** "Go live": title, category, subscriber-only. Creates the stream row, then opens the studio. */
export function GoLiveForm() {
  const router = useRouter();
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState('just_chatting');
  const [subscriberOnly, setSubscriberOnly] = useState(false);
  const [pending, setPending] = useState(false);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const input = { title, category, subscriberOnly };
    const parsed = StartStreamSchema.safeParse(input);
    if (!parsed.success) {
      const local: Record<string, string[]> = {};
      for (const i of parsed.error.issues) (local[String(i.path[0])] ??= []).push(i.message);
      setFields(local);
      return;
    }
    setFields({});
    setError(null);
    setPending(true);
    const r = await apiFetch<{ stream: StreamDetails }>('/api/streams', {
      method: 'POST',
      body: parsed.data,
    });
    if (r.ok) {
      router.push(`/creator/live/${r.data.stream.id}`);
      return;
    }
    setPending(false);
    setFields(fieldErrors(r));
    setError(r.error.message);
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      noValidate
      aria-describedby={error ? 'go-live-error' : undefined}
    >
      <FormField label="Title" required error={fields.title} description="What fans see in “Live now”.">
        <Input
          value={title}
          maxLength={TITLE_MAX}
          onChange={(e) => setTitle(e.target.value)}
          placeholder="Sunday sketching session"
        />
      </FormField>
      <FormField label="Category" error={fields.category}>
        <NativeSelect value={category} onChange={(e) => setCategory(e.target.value)}>
          {Object.entries(STREAM_CATEGORIES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="flex items-start gap-2">
        <input
          id="subscriber-only"
          type="checkbox"
          className="mt-1 size-4 accent-primary"
          checked={subscriberOnly}
          onChange={(e) => setSubscriberOnly(e.target.checked)}
          aria-describedby="subscriber-only-help"
        />
        <div>
          <label htmlFor="subscriber-only" className="text-sm font-medium">
            Subscribers only
          </label>
          <p id="subscriber-only-help" className="text-xs text-muted-foreground">
            Only your subscribers (any tier) can watch; everyone else sees that the stream is for subscribers
            and where to subscribe.
          </p>
        </div>
      </div>
      {error ? (
        <p id="go-live-error" role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      <Button type="submit" loading={pending}>
        <Radio aria-hidden />
        Go live
      </Button>
    </form>
  );
}
