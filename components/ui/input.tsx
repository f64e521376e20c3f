import type * as React from 'react';
import { cn } from '@/lib/utils/cn';

/** Shared field styling for Input, Textarea and NativeSelect. */
export const fieldClasses = cn(
  'w-full min-w-0 rounded-md border border-input bg-background px-3 text-base text-foreground shadow-xs sm:text-sm',
  'transition-[color,box-shadow,border-color] outline-none placeholder:text-muted-foreground',
  'focus-visible:border-ring focus-visible:ring-3 focus-visible:ring-ring/30',
  'disabled:cursor-not-allowed disabled:opacity-50',
  'aria-invalid:border-destructive aria-invalid:focus-visible:ring-destructive/25',
);

export type InputProps = React.ComponentProps<'input'>;

export function Input({ className, type = 'text', ...props }: InputProps) {
  return (
    <input
      type={type}
      className={cn(
        fieldClasses,
        'h-10 py-2',
        'file:mr-3 file:inline-flex file:h-7 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-foreground',
        className,
      )}
      {...props}
    />
  );
}
