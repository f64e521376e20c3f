'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { LocalTime } from '@/components/ui/local-time';
import { apiFetch } from '@/lib/http/client';

interface Props {
  link: { username: string; linkedAt: string } | null;
}

/** Links the Discord account that ran /link (by its one-time code), shows the link, and unlinks it. */
export function DiscordLinkCard({ link }: Props) {
  const router = useRouter();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onLink(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/discord/link', { method: 'POST', body: { code } });
    setPending(false);
    if (!r.ok) {
      setError(r.error.details?.fields?.code?.join(' ') ?? r.error.message);
      return;
    }
    setCode('');
    toast.success('Discord account linked');
    router.refresh();
  }

  async function onUnlink() {
    setPending(true);
    const r = await apiFetch('/api/discord/link', { method: 'DELETE' });
    setPending(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    toast.success('Discord account unlinked');
    router.refresh();
  }

  if (link) {
    return (
      <div className="space-y-3 text-sm">
        <p>
          Linked to <span className="font-medium">@{link.username}</span> since{' '}
          <LocalTime value={link.linkedAt} mode="date" />.
        </p>
        <Button variant="outline" loading={pending} onClick={() => void onUnlink()}>
          Unlink Discord
        </Button>
      </div>
    );
  }
  return (
    <form onSubmit={onLink} className="space-y-3" noValidate>
      <FormField
        label="Link code"
        description="Run /link in our Discord server and enter the code here within 10 minutes."
        error={error ?? undefined}
      >
        <Input
          name="code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          placeholder="ABCD-EFGH"
          autoComplete="off"
          maxLength={12}
        />
      </FormField>
      <Button type="submit" loading={pending} disabled={code.trim() === ''}>
        Link Discord
      </Button>
    </form>
  );
}
