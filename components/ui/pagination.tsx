import { ChevronLeft, ChevronRight } from 'lucide-react';
import Link from 'next/link';
import type * as React from 'react';
import { cn } from '@/lib/utils/cn';
import { buttonVariants } from './button';

export type PaginationProps = Omit<React.ComponentProps<'nav'>, 'children'> & {
  /** Current page, 1-based. */
  page: number;
  /** Total number of pages (0 is treated as 1). */
  pageCount: number;
  /** Builds the URL for a page, e.g. `(p) => \`/fans?page=${p}\``. */
  hrefFor: (page: number) => string;
  /** Accessible name of the navigation landmark. */
  label?: string;
};

/** Server-friendly previous/next pagination built from plain links. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
  label = 'Pagination',
  className,
  ...props
}: PaginationProps) {
  const total = Math.max(1, Math.floor(pageCount) || 1);
  const current = Math.min(Math.max(1, Math.floor(page) || 1), total);
  const hasPrev = current > 1;
  const hasNext = current < total;
  const linkClass = cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'gap-1');
  const disabledClass = cn(linkClass, 'pointer-events-none opacity-50');

  return (
    <nav aria-label={label} className={cn('flex items-center justify-between gap-3', className)} {...props}>
      {hasPrev ? (
        <Link href={hrefFor(current - 1)} rel="prev" className={linkClass}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          <ChevronLeft aria-hidden="true" />
          Previous
        </span>
      )}
      <p className="text-sm text-muted-foreground">
        Page <span className="font-medium text-foreground">{current}</span> of{' '}
        <span className="font-medium text-foreground">{total}</span>
      </p>
      {hasNext ? (
        <Link href={hrefFor(current + 1)} rel="next" className={linkClass}>
          Next
          <ChevronRight aria-hidden="true" />
        </Link>
      ) : (
        <span aria-disabled="true" className={disabledClass}>
          Next
          <ChevronRight aria-hidden="true" />
        </span>
      )}
    </nav>
  );
}
