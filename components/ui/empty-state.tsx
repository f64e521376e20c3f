import { Inbox, type LucideIcon } from 'lucide-react';
import * as React from 'react';
import { cn } from '@/lib/utils/cn';

export type EmptyStateProps = Omit<React.ComponentProps<'div'>, 'title'> & {
  /** A lucide icon component (`icon={Users}`) or an element (`icon={<Users />}`). Defaults to Inbox. */
  icon?: LucideIcon | React.ReactElement;
  title: React.ReactNode;
  description?: React.ReactNode;
  /** Optional call to action, e.g. `<Button asChild><Link href="…">Create</Link></Button>`. */
  action?: React.ReactNode;
  /** Heading level for the title so it fits the page outline. */
  headingLevel?: 2 | 3 | 4;
};

export function EmptyState({
  icon = Inbox,
  title,
  description,
  action,
  headingLevel = 3,
  className,
  ...props
}: EmptyStateProps) {
  const Heading = `h${headingLevel}` as const;
  let iconNode: React.ReactNode;
  if (React.isValidElement(icon)) {
    iconNode = icon;
  } else {
    const Icon = icon as LucideIcon;
    iconNode = <Icon aria-hidden="true" className="size-6" />;
  }

  return (
    <div
      className={cn(
        'flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-12 text-center',
        className,
      )}
      {...props}
    >
      <div
        aria-hidden="true"
        className="flex size-12 items-center justify-center rounded-full bg-accent text-accent-foreground [&_svg]:size-6"
      >
        {iconNode}
      </div>
      <div className="flex max-w-md flex-col gap-1">
        <Heading className="text-base font-semibold text-foreground">{title}</Heading>
        {description ? <p className="text-sm text-muted-foreground">{description}</p> : null}
      </div>
      {action ? <div className="mt-2 flex flex-wrap items-center justify-center gap-2">{action}</div> : null}
    </div>
  );
}
