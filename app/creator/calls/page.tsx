import { ChevronLeft, History } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { CallsStudio } from '@/components/calls/settings/calls-studio';
import { CreatorBookings } from '@/components/calls/settings/creator-bookings';
import { IncomingRequests } from '@/components/calls/settings/incoming-requests';
import { Button } from '@/components/ui/button';
import { requireRole } from '@/lib/auth/viewer';
import { ringingFor } from '@/lib/calls/history';
import { getCallSettings, upcomingBookings } from '@/lib/calls/settings';

export const metadata: Metadata = { title: 'Calls' };
export const dynamic = 'force-dynamic';

export default async function CreatorCallsPage() {
  const viewer = await requireRole(['creator', 'admin'], '/creator/calls');
  const creatorId = viewer.profile.id;
  const [setup, ringing, bookings] = await Promise.all([
    getCallSettings(creatorId),
    ringingFor(viewer.claims),
    upcomingBookings(viewer.claims),
  ]);
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <Link
          href="/creator"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ChevronLeft className="size-4" aria-hidden /> Creator studio
        </Link>
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">Paid calls</h1>
            <p className="text-muted-foreground">
              Set your rates and hours, and answer fans who want a 1-on-1 video or voice call.
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <Button asChild variant="outline" size="sm">
              <Link href={`/creators/${viewer.profile.username}`}>View public page</Link>
            </Button>
            <Button asChild variant="outline" size="sm">
              <Link href="/calls">
                <History aria-hidden /> Call history
              </Link>
            </Button>
          </div>
        </div>
      </div>
      <IncomingRequests creatorId={creatorId} initial={ringing} serverNow={new Date().toISOString()} />
      <CallsStudio initialSettings={setup?.settings ?? null} initialWindows={setup?.windows ?? []} />
      <CreatorBookings initial={bookings.filter((b) => b.creator.id === creatorId)} />
    </div>
  );
}
