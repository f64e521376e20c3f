'use client';

import { Loader2 } from 'lucide-react';
import type * as React from 'react';
import { cn } from '@/lib/utils/cn';

type Props = Omit<React.ComponentProps<'button'>, 'onChange' | 'children'> & {
  checked: boolean;
  onCheckedChange: (next: boolean) => void;
  /** Shows a spinner in the thumb and ignores clicks while a save is in flight. */
  pending?: boolean;
};

/** An on/off switch (role="switch"): a button, so Space and Enter toggle it and it needs a label. */
export function Switch({ checked, onCheckedChange, pending = false, disabled, className, ...props }: Props) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      aria-busy={pending || undefined}
      disabled={disabled || pending}
      onClick={() => onCheckedChange(!checked)}
      className={cn(
        'relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border-2 border-transparent transition-colors outline-none',
        'focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background',
        'disabled:cursor-not-allowed disabled:opacity-50',
        checked ? 'bg-success' : 'bg-input',
        className,
      )}
      {...props}
    >
      <span
        aria-hidden="true"
        className={cn(
          'pointer-events-none flex size-5 items-center justify-center rounded-full bg-background shadow-sm transition-transform',
          checked ? 'translate-x-5' : 'translate-x-0',
        )}
      >
        {pending ? <Loader2 className="size-3 animate-spin text-muted-foreground" /> : null}
      </span>
    </button>
  );
}
