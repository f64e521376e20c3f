'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';
import { safeNext } from '@/lib/http/safe-next';

export function SignInForm({ next }: { next?: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/auth/signin', {
      method: 'POST',
      body: { email: form.get('email'), password: form.get('password') },
    });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success('Welcome back');
    router.push(safeNext(next));
    router.refresh();
  }

  return (
    <form
      onSubmit={onSubmit}
      className="space-y-4"
      noValidate
      aria-describedby={error ? 'signin-error' : undefined}
    >
      {error ? (
        <Alert variant="destructive" id="signin-error">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label="Email" error={fields.email} required>
        <Input name="email" type="email" autoComplete="email" required />
      </FormField>
      <FormField label="Password" error={fields.password} required>
        <Input name="password" type="password" autoComplete="current-password" required />
      </FormField>
      <Button type="submit" className="w-full" loading={pending}>
        Sign in
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        New here?{' '}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/signup">
          Create an account
        </Link>
      </p>
    </form>
  );
}
