import { Eye, Lock, Radio } from 'lucide-react';
import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import type { LiveNowItem } from '@/lib/streams/types';
import { categoryLabel, viewersLabel } from './format';

/** "Live now" cards, already ordered by viewers (server-side counts). */
export function LiveNowList({ items }: { items: LiveNowItem[] }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="live-now">
      {items.map((s) => (
        <li key={s.id}>
          <Link
            href={`/live/${s.id}`}
            className="group flex h-full flex-col gap-3 rounded-xl border bg-card p-4 shadow-sm transition-colors hover:bg-accent/50 focus-visible:outline-2 focus-visible:outline-ring"
          >
            <div className="flex items-center justify-between gap-2">
              <Badge variant="destructive">
                <Radio aria-hidden /> Live
              </Badge>
              <span className="inline-flex items-center gap-1 text-sm font-medium">
                <Eye aria-hidden className="size-4" />
                {viewersLabel(s.viewerCount)}
              </span>
            </div>
            <p className="line-clamp-2 font-semibold break-words group-hover:underline">{s.title}</p>
            <div className="mt-auto flex items-center gap-2">
              <Avatar name={s.creator.displayName} src={s.creator.avatarUrl} size="sm" />
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium">{s.creator.displayName}</p>
                <p className="text-xs text-muted-foreground">{categoryLabel(s.category)}</p>
              </div>
              {s.subscriberOnly ? (
                <Badge variant="warning">
                  <Lock aria-hidden /> Subscribers only
                </Badge>
              ) : null}
            </div>
          </Link>
        </li>
      ))}
    </ul>
  );
}
