'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { SignUpSchema } from '@/lib/auth/schemas';
import { apiFetch, fieldErrors } from '@/lib/http/client';

export function SignUpForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const input = {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      username: String(form.get('username') ?? ''),
      displayName: String(form.get('displayName') ?? ''),
    };
    // Same schema as the server: instant feedback, the server still decides.
    const local = SignUpSchema.safeParse(input);
    if (!local.success) {
      const f: Record<string, string[]> = {};
      for (const issue of local.error.issues) (f[String(issue.path[0])] ??= []).push(issue.message);
      setFields(f);
      setError('Please fix the highlighted fields.');
      return;
    }
    setPending(true);
    setError(null);
    setFields({});
    const r = await apiFetch<{ needsConfirmation: boolean }>('/api/auth/signup', {
      method: 'POST',
      body: local.data,
    });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    if (r.data.needsConfirmation) {
      setNotice('Check your email to confirm your account, then sign in.');
      return;
    }
    toast.success('Account created — welcome to CommunityOS');
    router.push('/profile');
    router.refresh();
  }

  if (notice) {
    return (
      <Alert variant="success">
        <AlertDescription>{notice}</AlertDescription>
      </Alert>
    );
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <FormField label="Email" error={fields.email} required>
        <Input name="email" type="email" autoComplete="email" required />
      </FormField>
      <FormField
        label="Username"
        description="3–30 characters: lowercase letters, digits and _"
        error={fields.username}
        required
      >
        <Input
          name="username"
          autoComplete="username"
          required
          minLength={3}
          maxLength={30}
          pattern="[a-z0-9_]{3,30}"
        />
      </FormField>
      <FormField label="Display name" error={fields.displayName} required>
        <Input name="displayName" autoComplete="name" required maxLength={60} />
      </FormField>
      <FormField label="Password" description="At least 10 characters" error={fields.password} required>
        <Input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </FormField>
      <Button type="submit" className="w-full" loading={pending}>
        Create account
      </Button>
      <p className="text-center text-sm text-muted-foreground">
        Already have an account?{' '}
        <Link className="font-medium text-primary underline-offset-4 hover:underline" href="/signin">
          Sign in
        </Link>
      </p>
    </form>
  );
}
