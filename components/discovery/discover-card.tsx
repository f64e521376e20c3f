import { Radio, Users, Video } from 'lucide-react';
import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent } from '@/components/ui/card';
import type { DiscoveredCreator } from '@/lib/discovery/discover';
import { CATEGORY_LABELS } from '@/lib/discovery/schemas';
import { SaveCreatorButton } from './save-creator-button';

/** A creator in the directory: live stream, category, call rates, availability, subscribers, bookmark. */
export function DiscoverCard({ creator, saved }: { creator: DiscoveredCreator; saved: boolean | null }) {
  const rates = [creator.videoRate, creator.voiceRate].filter((r): r is number => r !== null);
  return (
    <Card
      className="relative h-full transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md"
      data-testid="creator-card"
    >
      <CardContent className="flex h-full flex-col gap-3">
        <div className="flex items-start gap-3">
          <Avatar name={creator.displayName} src={creator.avatarUrl ?? undefined} />
          <div className="min-w-0 flex-1">
            <h3 className="truncate font-semibold">
              <Link
                href={`/creators/${creator.username}`}
                className="after:absolute after:inset-0 focus-visible:outline-none"
              >
                {creator.displayName}
              </Link>
            </h3>
            <p className="truncate text-sm text-muted-foreground">@{creator.username}</p>
          </div>
          {saved !== null ? (
            <SaveCreatorButton creatorId={creator.id} name={creator.displayName} initial={saved} />
          ) : null}
        </div>
        <p className="line-clamp-3 text-sm text-muted-foreground">{creator.bio || 'No bio yet.'}</p>
        <div className="mt-auto flex flex-wrap gap-1.5">
          {creator.category ? <Badge variant="secondary">{CATEGORY_LABELS[creator.category]}</Badge> : null}
          {creator.liveStreamId ? (
            <Link
              href={`/live/${creator.liveStreamId}`}
              className="relative z-10 rounded-md focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              data-testid="live-badge"
            >
              <Badge variant="destructive">
                <Radio aria-hidden /> Live now · watch
              </Badge>
            </Link>
          ) : null}
          {creator.availableNow ? <Badge variant="success">Available now</Badge> : null}
          {rates.length > 0 ? (
            <Badge variant="outline">
              <Video aria-hidden /> from {Math.min(...rates)} tokens/min
            </Badge>
          ) : null}
          {creator.subscriberCount > 0 ? (
            <Badge variant="outline">
              <Users aria-hidden /> {creator.subscriberCount}
            </Badge>
          ) : null}
        </div>
      </CardContent>
    </Card>
  );
}
