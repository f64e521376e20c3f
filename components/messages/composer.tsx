'use client';

import { Coins, ImagePlus, Lock, Send, X } from 'lucide-react';
import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Textarea } from '@/components/ui/textarea';
import { formatTokens } from '@/lib/payments/format-money';
import { cn } from '@/lib/utils/cn';

export type ComposerMode = 'text' | 'tip' | 'ppv';

export interface ComposerSend {
  mode: ComposerMode;
  body: string;
  file: File | null;
  amount: number | null;
}

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,video/mp4,video/webm';
const MAX_BYTES = 10 * 1024 * 1024;

/** Message composer: text, an attachment, a tip, or (creators) a pay-per-view attachment with a price. */
export function Composer({
  canSendPpv,
  canTip,
  messagePrice,
  disabled,
  disabledReason,
  onSend,
  onTyping,
}: {
  canSendPpv: boolean;
  canTip: boolean;
  /** What each message costs the sender (premium messages), 0 when free. */
  messagePrice: number;
  disabled: boolean;
  disabledReason?: string;
  onSend: (s: ComposerSend) => Promise<boolean>;
  onTyping: () => void;
}) {
  const [mode, setMode] = useState<ComposerMode>('text');
  const [body, setBody] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [amount, setAmount] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  function pick(f: File | null) {
    setError(null);
    if (f && f.size > MAX_BYTES) {
      setError('Files are at most 10 MB.');
      return;
    }
    setFile(f);
  }

  async function submit(e?: React.FormEvent) {
    e?.preventDefault();
    if (sending || disabled) return;
    setError(null);
    const n = amount.trim() === '' ? null : Number(amount);
    if (mode === 'text' && !body.trim() && !file) return setError('Write a message or attach a file.');
    if (mode === 'ppv' && !file) return setError('Attach the photo or video to lock.');
    if ((mode === 'tip' || mode === 'ppv') && (!n || !Number.isInteger(n) || n < 1))
      return setError('Enter a whole number of tokens.');
    setSending(true);
    const ok = await onSend({ mode, body, file, amount: n });
    setSending(false);
    if (ok) {
      setBody('');
      setFile(null);
      setAmount('');
      setMode('text');
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  if (disabled) {
    return <p className="border-t px-4 py-3 text-center text-sm text-muted-foreground">{disabledReason}</p>;
  }

  const cost = mode === 'tip' ? Number(amount) || 0 : mode === 'text' ? messagePrice : 0;
  return (
    <form onSubmit={submit} className="space-y-2 border-t bg-background p-3" aria-label="Write a message">
      <fieldset className="flex flex-wrap items-center gap-1 border-0 p-0">
        <legend className="sr-only">Message type</legend>
        <ModeButton active={mode === 'text'} onClick={() => setMode('text')}>
          Message
        </ModeButton>
        {canTip ? (
          <ModeButton active={mode === 'tip'} onClick={() => setMode('tip')}>
            <Coins className="size-3.5" aria-hidden /> Tip
          </ModeButton>
        ) : null}
        {canSendPpv ? (
          <ModeButton active={mode === 'ppv'} onClick={() => setMode('ppv')}>
            <Lock className="size-3.5" aria-hidden /> Pay-per-view
          </ModeButton>
        ) : null}
        {messagePrice > 0 && mode === 'text' ? (
          <span className="ml-auto text-xs text-muted-foreground">
            Each message costs {formatTokens(messagePrice)} tokens
          </span>
        ) : null}
      </fieldset>
      {mode !== 'text' ? (
        <div className="flex items-center gap-2">
          <Label htmlFor="composer-amount" className="shrink-0 text-sm">
            {mode === 'tip' ? 'Tip (tokens)' : 'Unlock price (tokens)'}
          </Label>
          <Input
            id="composer-amount"
            inputMode="numeric"
            className="h-8 w-28"
            value={amount}
            onChange={(e) => setAmount(e.target.value.replace(/[^0-9]/g, ''))}
            placeholder={mode === 'tip' ? '10' : '25'}
          />
        </div>
      ) : null}
      {file ? (
        <div className="flex items-center gap-2 rounded-md border bg-muted/50 px-2 py-1 text-sm">
          <ImagePlus className="size-4 shrink-0" aria-hidden />
          <span className="min-w-0 flex-1 truncate">{file.name}</span>
          <span className="text-xs text-muted-foreground">{(file.size / 1024 / 1024).toFixed(1)} MB</span>
          <button
            type="button"
            aria-label="Remove attachment"
            onClick={() => pick(null)}
            className="rounded p-0.5 hover:bg-accent"
          >
            <X className="size-4" aria-hidden />
          </button>
        </div>
      ) : null}
      <div className="flex items-end gap-2">
        {mode !== 'tip' ? (
          <>
            <input
              ref={fileInput}
              type="file"
              accept={ACCEPT}
              className="sr-only"
              id="composer-file"
              data-testid="composer-file"
              onChange={(e) => pick(e.target.files?.[0] ?? null)}
            />
            <Button
              type="button"
              variant="ghost"
              size="icon"
              aria-label="Attach a photo or video"
              onClick={() => fileInput.current?.click()}
            >
              <ImagePlus aria-hidden />
            </Button>
          </>
        ) : null}
        <Label htmlFor="composer-body" className="sr-only">
          Message
        </Label>
        <Textarea
          id="composer-body"
          rows={1}
          maxLength={2000}
          className="max-h-40 min-h-10 flex-1 resize-none"
          placeholder={
            mode === 'ppv'
              ? 'Caption (optional)'
              : mode === 'tip'
                ? 'Say thanks (optional)'
                : 'Write a message'
          }
          value={body}
          onChange={(e) => {
            setBody(e.target.value);
            onTyping();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey) {
              e.preventDefault();
              void submit();
            }
          }}
        />
        <Button type="submit" disabled={sending} aria-label={cost > 0 ? `Send for ${cost} tokens` : 'Send'}>
          <Send aria-hidden />
          <span className="hidden sm:inline">
            {sending ? 'Sending…' : cost > 0 ? `Send · ${formatTokens(cost)}` : 'Send'}
          </span>
        </Button>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ModeButton({
  active,
  onClick,
  children,
}: {
  active: boolean;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-pressed={active}
      onClick={onClick}
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-3 py-1 text-xs font-medium',
        active ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-accent',
      )}
    >
      {children}
    </button>
  );
}
