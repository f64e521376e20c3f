import { Download } from 'lucide-react';
import type * as React from 'react';
import { buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/utils/cn';

/** One dashboard section: a card with its title, a one-line definition and an optional CSV export. */
export function Panel({
  id,
  title,
  definition,
  exportUrl,
  exportLabel,
  children,
  actions,
}: {
  id: string;
  title: string;
  definition?: React.ReactNode;
  exportUrl?: string;
  exportLabel?: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <Card id={id} className="min-w-0 scroll-mt-20">
      <CardHeader className="flex flex-col gap-3">
        <div className="space-y-1">
          <CardTitle as="h2">{title}</CardTitle>
          {definition ? <CardDescription>{definition}</CardDescription> : null}
        </div>
        <div className="flex flex-wrap gap-2">
          {actions}
          {exportUrl ? (
            <a
              href={exportUrl}
              download
              className={cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'gap-1')}
            >
              <Download aria-hidden="true" />
              {exportLabel ?? 'Export CSV'}
            </a>
          ) : null}
        </div>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

export function PanelSkeleton({ title }: { title: string }) {
  return (
    <Card aria-busy="true">
      <CardHeader>
        <CardTitle as="h2">{title}</CardTitle>
        <Skeleton className="h-4 w-2/3" />
      </CardHeader>
      <CardContent className="space-y-2">
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-full" />
        <Skeleton className="h-8 w-5/6" />
      </CardContent>
    </Card>
  );
}

export function DashboardSkeleton() {
  return (
    <div className="space-y-6">
      <span className="sr-only" role="status">
        Loading the dashboard…
      </span>
      {['Top 10', 'Rising Stars', 'Churn Radar', 'Star Scouter', 'Campaigns', 'Tickets'].map((t) => (
        <PanelSkeleton key={t} title={t} />
      ))}
    </div>
  );
}
