import { CalendarDays } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { NoCallsCard } from '@/components/calls/profile/no-calls-card';
import { type CallsViewer, PaidCallsCard } from '@/components/calls/profile/paid-calls-card';
import { MessageButton } from '@/components/messages/message-button';
import { ReportButton } from '@/components/reports/report-button';
import { TipCard } from '@/components/tips/tip-card';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { getViewer, type Viewer } from '@/lib/auth/viewer';
import { getCallSettings, listSlots, upcomingBookings } from '@/lib/calls/settings';
import { getWallet } from '@/lib/ledger/wallet';
import { getMessagePrice } from '@/lib/messages/settings';
import { getPublicProfile } from '@/lib/profiles/public-profiles';
import { CreatorShop } from './shop-section';
import { CreatorSubscriptions } from './subscriptions-section';

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
  const calls =
    profile.role === 'creator' && !profile.is_banned
      ? await loadCalls(profile, viewer, wallet?.balance ?? 0)
      : null;
  const messagePrice =
    viewer && tippable && viewer.profile.role === 'fan'
      ? await getMessagePrice(viewer.claims, profile.id)
      : 0;
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
          ) : viewer || !profile.is_banned ? (
            <div className="flex flex-wrap items-center gap-2">
              {!profile.is_banned ? (
                <MessageButton
                  userId={profile.id}
                  username={profile.username}
                  signedIn={Boolean(viewer)}
                  price={messagePrice}
                />
              ) : null}
              {viewer ? <ReportButton targetId={profile.id} targetName={profile.display_name} /> : null}
            </div>
          ) : null}
        </CardContent>
      </Card>
      {calls?.offered ? (
        <PaidCallsCard
          creator={{ id: profile.id, username: profile.username, displayName: profile.display_name }}
          settings={calls.offered}
          viewer={calls.viewer}
          initialSlots={calls.slots}
          initialBookings={calls.bookings}
        />
      ) : calls ? (
        <NoCallsCard creatorName={profile.display_name} isSelf={isSelf} />
      ) : null}
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
      {profile.role === 'creator' && !profile.is_banned ? (
        <CreatorSubscriptions
          creator={{ id: profile.id, username: profile.username, displayName: profile.display_name }}
          viewer={viewer}
          balance={wallet?.balance ?? 0}
        />
      ) : null}
      {profile.role === 'creator' && !profile.is_banned ? (
        <CreatorShop creator={{ id: profile.id, username: profile.username }} viewer={viewer} />
      ) : null}
    </div>
  );
}

/** What the Paid calls card needs: public rates and open slots, plus the viewer's own bookings with this creator. */
async function loadCalls(profile: { id: string }, viewer: Viewer | null, balance: number) {
  const setup = await getCallSettings(profile.id);
  const s = setup?.settings;
  const callsViewer: CallsViewer = !viewer
    ? { kind: 'anonymous' }
    : viewer.profile.id === profile.id
      ? { kind: 'self' }
      : { kind: 'fan', balance };
  if (!s || (s.videoRate === null && s.voiceRate === null)) {
    return { offered: null, viewer: callsViewer, slots: [], bookings: [] };
  }
  const [slots, mine] = await Promise.all([
    listSlots(profile.id, 14),
    callsViewer.kind === 'fan' && viewer ? upcomingBookings(viewer.claims) : Promise.resolve([]),
  ]);
  return {
    offered: {
      videoRate: s.videoRate,
      voiceRate: s.voiceRate,
      availableNow: s.availableNow,
      timezone: s.timezone,
    },
    viewer: callsViewer,
    slots,
    bookings: mine.filter((b) => b.creator.id === profile.id && b.fan.id === viewer?.profile.id),
  };
}
