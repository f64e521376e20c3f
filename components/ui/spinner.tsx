import { Loader2 } from 'lucide-react';
import { cn } from '@/lib/utils/cn';

const sizeClasses = { sm: 'size-4', default: 'size-5', lg: 'size-8' } as const;

export type SpinnerProps = {
  /** Accessible text announced to screen readers. */
  label?: string;
  /** Also render `label` visibly next to the spinner. */
  showLabel?: boolean;
  size?: keyof typeof sizeClasses;
  className?: string;
};

export function Spinner({
  label = 'Loading…',
  showLabel = false,
  size = 'default',
  className,
}: SpinnerProps) {
  return (
    <span role="status" className={cn('inline-flex items-center gap-2 text-muted-foreground', className)}>
      <Loader2 aria-hidden="true" className={cn('animate-spin', sizeClasses[size])} />
      <span className={showLabel ? 'text-sm' : 'sr-only'}>{label}</span>
    </span>
  );
}
