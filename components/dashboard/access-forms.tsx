'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { apiFetch, fieldErrors } from '@/lib/http/client';

function useSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  async function run(url: string, method: string, body: unknown | undefined, ok: string): Promise<boolean> {
    setPending(true);
    setError(null);
    const r = await apiFetch(url, { method, body });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return false;
    }
    setFields({});
    toast.success(ok);
    return true;
  }
  return { pending, error, fields, run };
}

/** Connect (claim) a guild the bot has seen. Admins may name the owning creator. */
export function ConnectGuildForm({ isAdmin }: { isAdmin: boolean }) {
  const router = useRouter();
  const { pending, error, fields, run } = useSubmit();
  const [v, setV] = useState({ guildId: '', name: '', timezone: 'UTC', ownerUsername: '' });
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const body = { ...v, ownerUsername: v.ownerUsername || undefined };
    if (await run('/api/dashboard/guilds', 'POST', body, 'Guild connected')) {
      router.push(`/dashboard?guild=${encodeURIComponent(v.guildId.trim())}`);
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Connect a guild">
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      {isAdmin ? null : (
        <p className="text-sm text-muted-foreground">
          Link your Discord account on your profile first. You need Manage Server (or Administrator) in that
          server, and the bot must have seen you there: run any CommunityOS command in it once.
        </p>
      )}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label="Discord guild id"
          description="Server Settings → Widget → Server ID (Developer Mode on)"
          error={fields.guildId}
          required
        >
          <Input
            value={v.guildId}
            inputMode="numeric"
            onChange={(e) => setV({ ...v, guildId: e.target.value })}
            required
          />
        </FormField>
        <FormField label="Name" error={fields.name} required>
          <Input
            value={v.name}
            maxLength={100}
            onChange={(e) => setV({ ...v, name: e.target.value })}
            required
          />
        </FormField>
        <FormField
          label="Timezone"
          description="IANA name, e.g. Europe/Paris"
          error={fields.timezone}
          required
        >
          <Input value={v.timezone} onChange={(e) => setV({ ...v, timezone: e.target.value })} required />
        </FormField>
        {isAdmin ? (
          <FormField label="Owner (creator username)" description="Empty: you" error={fields.ownerUsername}>
            <Input value={v.ownerUsername} onChange={(e) => setV({ ...v, ownerUsername: e.target.value })} />
          </FormField>
        ) : null}
      </div>
      <p className="text-xs text-muted-foreground">
        {isAdmin
          ? 'The bot must have seen the guild (a command was run there). For a guild that is already connected, this changes its owner (recorded in the audit log).'
          : 'The bot must be in the guild, and your linked Discord account (Profile → Discord) must be a member of it.'}
      </p>
      <Button type="submit" disabled={pending}>
        {pending ? 'Connecting…' : 'Connect guild'}
      </Button>
    </form>
  );
}

export function GuildSettingsForm({
  guildId,
  name,
  timezone,
}: {
  guildId: string;
  name: string;
  timezone: string;
}) {
  const router = useRouter();
  const { pending, error, fields, run } = useSubmit();
  const [v, setV] = useState({ name, timezone });
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (await run(`/api/dashboard/guilds/${guildId}`, 'PATCH', v, 'Guild saved')) router.refresh();
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="Guild settings">
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end">
        <FormField label="Guild name" error={fields.name} required>
          <Input
            value={v.name}
            maxLength={100}
            onChange={(e) => setV({ ...v, name: e.target.value })}
            required
          />
        </FormField>
        <FormField
          label="Guild timezone"
          description="Changing it recomputes every day"
          error={fields.timezone}
          required
        >
          <Input value={v.timezone} onChange={(e) => setV({ ...v, timezone: e.target.value })} required />
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </form>
  );
}

export function AssignStaffForm({ guildId }: { guildId: string }) {
  const router = useRouter();
  const { pending, error, fields, run } = useSubmit();
  const [username, setUsername] = useState('');
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (await run(`/api/dashboard/guilds/${guildId}/staff`, 'POST', { username }, `${username} assigned`)) {
      setUsername('');
      router.refresh();
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-2" noValidate aria-label="Assign staff">
      {error ? (
        <Alert variant="destructive">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <FormField label="Staff username" error={fields.username} className="sm:w-64" required>
          <Input
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            placeholder="sam_staff"
            required
          />
        </FormField>
        <Button type="submit" disabled={pending}>
          {pending ? 'Assigning…' : 'Assign'}
        </Button>
      </div>
    </form>
  );
}

export function RemoveStaffButton({
  guildId,
  staffId,
  username,
}: {
  guildId: string;
  staffId: string;
  username: string;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  async function onClick() {
    if (!window.confirm(`Remove ${username} from this guild's dashboard?`)) return;
    setPending(true);
    const r = await apiFetch(`/api/dashboard/guilds/${guildId}/staff/${staffId}`, { method: 'DELETE' });
    setPending(false);
    if (!r.ok) return void toast.error(r.error.message);
    toast.success(`${username} removed`);
    router.refresh();
  }
  return (
    <Button
      type="button"
      variant="ghost"
      size="sm"
      onClick={onClick}
      disabled={pending}
      aria-label={`Remove ${username}`}
    >
      {pending ? 'Removing…' : 'Remove'}
    </Button>
  );
}
