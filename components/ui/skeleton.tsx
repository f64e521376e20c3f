import type * as React from 'react';
import { cn } from '@/lib/utils/cn';

/** Decorative loading placeholder. Hidden from assistive tech; announce loading elsewhere (e.g. Spinner). */
export function Skeleton({ className, ...props }: React.ComponentProps<'div'>) {
  return <div aria-hidden="true" className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}
