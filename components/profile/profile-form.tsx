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

interface Props {
  initial: { username: string; displayName: string; bio: string; avatarUrl: string };
}

export function ProfileForm({ initial }: Props) {
  const router = useRouter();
  const [values, setValues] = useState(initial);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const dirty = JSON.stringify(values) !== JSON.stringify(initial);

  const set = (k: keyof Props['initial']) => (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    setValues((v) => ({ ...v, [k]: e.target.value }));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/profile', { method: 'PATCH', body: values });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    setFields({});
    toast.success('Profile saved');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <FormField
        label="Username"
        description="3–30 characters: lowercase letters, digits and _"
        error={fields.username}
        required
      >
        <Input
          name="username"
          value={values.username}
          onChange={set('username')}
          autoComplete="username"
          required
        />
      </FormField>
      <FormField label="Display name" error={fields.displayName} required>
        <Input
          name="displayName"
          value={values.displayName}
          onChange={set('displayName')}
          maxLength={60}
          required
        />
      </FormField>
      <FormField label="Bio" description={`${values.bio.length}/500 characters`} error={fields.bio}>
        <Textarea name="bio" value={values.bio} onChange={set('bio')} maxLength={500} rows={4} />
      </FormField>
      <FormField
        label="Avatar URL"
        description="An https:// link to an image, or leave empty"
        error={fields.avatarUrl}
      >
        <Input
          name="avatarUrl"
          type="url"
          value={values.avatarUrl}
          onChange={set('avatarUrl')}
          placeholder="https://…"
        />
      </FormField>
      <div className="flex items-center gap-3">
        <Button type="submit" loading={pending} disabled={!dirty}>
          Save changes
        </Button>
        {dirty ? <span className="text-sm text-muted-foreground">Unsaved changes</span> : null}
      </div>
    </form>
  );
}
