import Link from 'next/link';
import { Avatar } from '@/components/ui/avatar';
import { Card, CardContent } from '@/components/ui/card';
import type { PublicProfile } from '@/lib/profiles/public-profiles';

export function CreatorCard({ creator }: { creator: PublicProfile }) {
  return (
    <Card className="relative h-full transition-shadow focus-within:ring-2 focus-within:ring-ring hover:shadow-md">
      <CardContent className="flex h-full flex-col gap-3">
        <div className="flex items-center gap-3">
          <Avatar name={creator.display_name} src={creator.avatar_url ?? undefined} />
          <div className="min-w-0">
            <h3 className="truncate font-semibold">
              <Link
                href={`/creators/${creator.username}`}
                className="after:absolute after:inset-0 focus-visible:outline-none"
              >
                {creator.display_name}
              </Link>
            </h3>
            <p className="truncate text-sm text-muted-foreground">@{creator.username}</p>
          </div>
        </div>
        <p className="line-clamp-3 text-sm text-muted-foreground">{creator.bio || 'No bio yet.'}</p>
      </CardContent>
    </Card>
  );
}
