'use client';

import { PauseCircle, PlayCircle, Trash2 } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
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
import { LocalTime } from '@/components/ui/local-time';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

interface Props {
  bot: { paused: boolean; reason: string | null; changedAt: string };
  flushTargets: string[];
}

type Mode = 'bot' | 'flush';

/** Panic button: pause/resume the Discord bot and flush caches, each behind a confirmation with a reason. */
export function PanicControls({ bot, flushTargets }: Props) {
  const router = useRouter();
  const [open, setOpen] = useState<Mode | null>(null);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});

  function reset(mode: Mode | null) {
    setOpen(mode);
    setReason('');
    setError(null);
    setFields({});
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r =
      open === 'bot'
        ? await apiFetch('/api/admin/bot', { method: 'POST', body: { paused: !bot.paused, reason } })
        : await apiFetch<{ flushed: { rateLimitKeys: number } }>('/api/admin/cache/flush', {
            method: 'POST',
            body: { reason },
          });
    setPending(false);
    if (!r.ok) {
      setFields(fieldErrors(r));
      setError(r.error.message);
      return;
    }
    if (open === 'bot') toast.success(bot.paused ? 'Discord bot resumed' : 'Discord bot paused');
    else {
      const n = (r.data as { flushed: { rateLimitKeys: number } }).flushed.rateLimitKeys;
      toast.success(`Caches flushed (${n} rate-limit key${n === 1 ? '' : 's'} cleared)`);
    }
    setOpen(null);
    router.refresh();
  }

  const botAction = bot.paused ? 'Resume bot' : 'Pause bot';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="bot-status">
        <span className="font-medium">Discord bot:</span>
        {bot.paused ? <Badge variant="destructive">Paused</Badge> : <Badge variant="success">Running</Badge>}
        <span className="text-muted-foreground">
          since <LocalTime value={bot.changedAt} />
          {bot.reason ? ` — ${bot.reason}` : ''}
        </span>
      </div>
      <div className="flex flex-wrap gap-2">
        {(['bot', 'flush'] as const).map((mode) => (
          <Dialog key={mode} open={open === mode} onOpenChange={(o) => reset(o ? mode : null)}>
            <DialogTrigger asChild>
              <Button variant={mode === 'bot' && !bot.paused ? 'destructive' : 'outline'}>
                {mode === 'bot' ? (
                  bot.paused ? (
                    <PlayCircle aria-hidden />
                  ) : (
                    <PauseCircle aria-hidden />
                  )
                ) : (
                  <Trash2 aria-hidden />
                )}
                {mode === 'bot' ? botAction : 'Flush cache'}
              </Button>
            </DialogTrigger>
            <DialogContent>
              <form onSubmit={submit} className="space-y-4">
                <DialogHeader>
                  <DialogTitle>{mode === 'bot' ? `${botAction}?` : 'Flush cache?'}</DialogTitle>
                  <DialogDescription>
                    {mode === 'bot'
                      ? bot.paused
                        ? 'Slash commands, buttons and forms work again from the next interaction.'
                        : 'From the very next interaction, every command gets “CommunityOS is paused by an administrator” and nothing else runs. The poller keeps collecting activity.'
                      : 'This clears, right now:'}
                  </DialogDescription>
                </DialogHeader>
                {mode === 'flush' ? (
                  <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="flush-targets">
                    {flushTargets.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                ) : null}
                {error ? (
                  <Alert variant="destructive">
                    <AlertDescription>{error}</AlertDescription>
                  </Alert>
                ) : null}
                <FormField
                  label="Reason"
                  description="Required; recorded in the audit log"
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
                    variant={mode === 'bot' && !bot.paused ? 'destructive' : 'default'}
                    disabled={reason.trim().length < 3}
                  >
                    {mode === 'bot' ? botAction : 'Flush cache'}
                  </Button>
                </DialogFooter>
              </form>
            </DialogContent>
          </Dialog>
        ))}
      </div>
    </div>
  );
}
