import { CalendarDays } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TipCard } from '@/components/tips/tip-card';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getViewer } from '@/lib/auth/viewer';
import { getWallet } from '@/lib/ledger/wallet';
import { getPublicProfile } from '@/lib/profiles/public-profiles';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ username: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const profile = await getPublicProfile((await params).username);
  return { title: profile ? `${profile.display_name} (@${profile.username})` : 'Not found' };
}

export default async function CreatorProfilePage({ params }: Params) {
  const { username } = await params;
  const [profile, viewer] = await Promise.all([getPublicProfile(username), getViewer()]);
  if (!profile) notFound();
  const isSelf = viewer?.profile.id === profile.id;
  const tippable = profile.role === 'creator' && !profile.is_banned && !isSelf;
  const wallet = tippable && viewer ? await getWallet(viewer.claims) : null;
  const joined = new Intl.DateTimeFormat('en', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    profile.created_at,
  );
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      {profile.is_banned ? (
        <Alert variant="destructive">
          <AlertTitle>Account suspended</AlertTitle>
          <AlertDescription>This account has been suspended by an administrator.</AlertDescription>
        </Alert>
      ) : null}
      <Card>
        <CardContent className="flex flex-col gap-6 sm:flex-row sm:items-start">
          <Avatar name={profile.display_name} src={profile.avatar_url ?? undefined} size="lg" />
          <div className="min-w-0 flex-1 space-y-3">
            <div className="flex flex-wrap items-center gap-2">
              <h1 className="text-2xl font-bold tracking-tight">{profile.display_name}</h1>
              {profile.role === 'creator' ? <Badge>Creator</Badge> : null}
            </div>
            <p className="text-muted-foreground">@{profile.username}</p>
            <p className="whitespace-pre-line">{profile.bio || 'No bio yet.'}</p>
            <p className="flex items-center gap-1.5 text-sm text-muted-foreground">
              <CalendarDays className="size-4" aria-hidden /> Joined {joined}
            </p>
          </div>
          {isSelf ? (
            <Button asChild variant="outline">
              <Link href="/profile">Edit profile</Link>
            </Button>
          ) : null}
        </CardContent>
      </Card>
      {tippable && viewer && wallet ? (
        <TipCard
          creatorId={profile.id}
          creatorName={profile.display_name}
          balance={wallet.balance}
          flagged={wallet.flagged}
        />
      ) : tippable ? (
        <Card>
          <CardHeader>
            <CardTitle as="h2">Support {profile.display_name}</CardTitle>
            <CardDescription>
              Tips go straight to the creator: 80% to them, 20% keeps the lights on.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild>
              <Link href={`/signin?next=${encodeURIComponent(`/creators/${profile.username}`)}`}>
                Sign in to tip
              </Link>
            </Button>
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
