import { cva, type VariantProps } from 'class-variance-authority';
import type * as React from 'react';
import { cn } from '@/lib/utils/cn';

export const alertVariants = cva(
  [
    'relative grid w-full grid-cols-[0_1fr] items-start gap-y-0.5 rounded-lg border px-4 py-3 text-sm',
    'has-[>svg]:grid-cols-[1rem_1fr] has-[>svg]:gap-x-3 [&>svg]:size-4 [&>svg]:translate-y-0.5 [&>svg]:text-current',
  ],
  {
    variants: {
      variant: {
        default: 'bg-card text-card-foreground',
        destructive:
          'border-destructive/30 bg-destructive/8 text-destructive [&_[data-slot=alert-description]]:text-destructive/90',
        success:
          'border-success/30 bg-success/8 text-success [&_[data-slot=alert-description]]:text-success/90',
      },
    },
    defaultVariants: { variant: 'default' },
  },
);

const defaultRole = { default: undefined, destructive: 'alert', success: 'status' } as const;

export type AlertProps = React.ComponentProps<'div'> & VariantProps<typeof alertVariants>;

/**
 * A callout. Destructive alerts get `role="alert"` (announced immediately), success alerts
 * `role="status"` (announced politely), default alerts no role. Pass `role` to override.
 */
export function Alert({ className, variant, role, ...props }: AlertProps) {
  return (
    <div
      data-slot="alert"
      role={role ?? defaultRole[variant ?? 'default']}
      className={cn(alertVariants({ variant }), className)}
      {...props}
    />
  );
}

export function AlertTitle({ className, ...props }: React.ComponentProps<'div'>) {
  return <div className={cn('col-start-2 min-h-4 font-medium tracking-tight', className)} {...props} />;
}

export function AlertDescription({ className, ...props }: React.ComponentProps<'div'>) {
  return (
    <div
      data-slot="alert-description"
      className={cn(
        'col-start-2 grid justify-items-start gap-1 text-sm text-muted-foreground [&_p]:leading-relaxed',
        className,
      )}
      {...props}
    />
  );
}
