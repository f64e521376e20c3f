import type { Metadata } from 'next';
import './globals.css';
import { IncomingCallRinger } from '@/components/calls/ringer/incoming-call-ringer';
import { SiteFooter } from '@/components/layout/site-footer';
import { SiteHeader } from '@/components/layout/site-header';
import { RealtimeProvider } from '@/components/realtime/realtime-provider';
import { Toaster } from '@/components/ui/toaster';
import { realtimeClientMode } from '@/lib/adapters/realtime';
import { getViewer } from '@/lib/auth/viewer';
import { ringingFor } from '@/lib/calls/history';
import type { CallSummary } from '@/lib/calls/types';
import { logError } from '@/lib/log/log';

export const metadata: Metadata = {
  title: { default: 'CommunityOS', template: '%s · CommunityOS' },
  description: 'Creators earn from their communities; staff run those communities well.',
};

const TAKES_CALLS = new Set(['creator', 'admin']);

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const viewer = await getViewer();
  const page = (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-background focus:px-3 focus:py-2 focus:shadow"
      >
        Skip to content
      </a>
      <SiteHeader />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <SiteFooter />
      <Toaster />
    </>
  );

  let body: React.ReactNode = page;
  if (viewer) {
    let ringing: CallSummary[] = [];
    const takesCalls = TAKES_CALLS.has(viewer.profile.role);
    if (takesCalls) {
      // Requests already ringing when the page loads; later ones arrive live. A failed read only costs the
      // initial list (it is logged), not the page.
      ringing = await ringingFor(viewer.claims).catch(async (err: unknown) => {
        await logError('calls.ringer', err, { userId: viewer.profile.id });
        return [];
      });
    }
    body = (
      <RealtimeProvider mode={realtimeClientMode()} displayName={viewer.profile.display_name}>
        {page}
        {takesCalls ? <IncomingCallRinger userId={viewer.profile.id} initial={ringing} /> : null}
      </RealtimeProvider>
    );
  }

  return (
    <html lang="en">
      <body className="flex min-h-dvh flex-col bg-background font-sans text-foreground antialiased">
        {body}
      </body>
    </html>
  );
}
