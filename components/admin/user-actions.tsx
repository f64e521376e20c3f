'use client';

import { useRouter } from 'next/navigation';
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
import { ROLES } from '@/lib/auth/schemas';
import { apiFetch, fieldErrors } from '@/lib/http/client';

interface Props {
  user: { id: string; username: string; role: string; is_banned: boolean };
  isSelf: boolean;
}

type Mode = 'role' | 'ban';

export function UserActions({ user, isSelf }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Mode | null>(null);
  const [role, setRole] = useState(user.role);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  function reset(mode: Mode | null) {
    setOpen(mode);
    setRole(user.role);
    setReason('');
    setError(null);
    setFields({});
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r =
      open === 'role'
        ? await apiFetch(`/api/admin/users/${user.id}/role`, { method: 'POST', body: { role, reason } })
        : await apiFetch(`/api/admin/users/${user.id}/ban`, {
            method: 'POST',
            body: { banned: !user.is_banned, reason },
          });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    toast.success(
      open === 'role'
        ? `@${user.username} is now ${role}`
        : `@${user.username} ${user.is_banned ? 'unbanned' : 'banned'}`,
    );
    setOpen(null);
    router.refresh();
  }

  if (isSelf) return <span className="text-xs text-muted-foreground">You</span>;

  const banLabel = user.is_banned ? 'Unban' : 'Ban';
  return (
    <div className="flex justify-end gap-2">
      {(['role', 'ban'] as const).map((mode) => (
        <Dialog key={mode} open={open === mode} onOpenChange={(o) => reset(o ? mode : null)}>
          <DialogTrigger asChild>
            <Button size="sm" variant={mode === 'ban' && !user.is_banned ? 'destructive' : 'outline'}>
              {mode === 'role' ? 'Change role' : banLabel}
              <span className="sr-only"> @{user.username}</span>
            </Button>
          </DialogTrigger>
          <DialogContent>
            <form onSubmit={submit} className="space-y-4">
              <DialogHeader>
                <DialogTitle>
                  {mode === 'role' ? `Change the role of @${user.username}` : `${banLabel} @${user.username}`}
                </DialogTitle>
                <DialogDescription>
                  {mode === 'role'
                    ? 'The change takes effect on their next page load and is recorded in the audit log.'
                    : user.is_banned
                      ? 'They will be able to sign in again. Recorded in the audit log.'
                      : 'Their sessions end at once and they cannot sign in. Recorded in the audit log.'}
                </DialogDescription>
              </DialogHeader>
              {error ? (
                <Alert variant="destructive">
                  <AlertDescription>{error}</AlertDescription>
                </Alert>
              ) : null}
              {mode === 'role' ? (
                <FormField label="New role" error={fields.role}>
                  <NativeSelect name="role" value={role} onChange={(e) => setRole(e.target.value)}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </NativeSelect>
                </FormField>
              ) : null}
              <FormField
                label="Reason"
                description="Required; visible to other admins"
                error={fields.reason}
                required
              >
                <Textarea
                  name="reason"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                  required
                  minLength={3}
                  maxLength={500}
                />
              </FormField>
              <DialogFooter>
                <Button type="button" variant="ghost" onClick={() => setOpen(null)}>
                  Cancel
                </Button>
                <Button
                  type="submit"
                  loading={pending}
                  variant={mode === 'ban' && !user.is_banned ? 'destructive' : 'default'}
                  disabled={reason.trim().length < 3 || (mode === 'role' && role === user.role)}
                >
                  {mode === 'role' ? 'Save role' : banLabel}
                </Button>
              </DialogFooter>
            </form>
          </DialogContent>
        </Dialog>
      ))}
    </div>
  );
}
