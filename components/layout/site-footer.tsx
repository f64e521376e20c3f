import Link from 'next/link';
import { env } from '@/lib/env';

export function SiteFooter() {
  const local = env().services.email.mode === 'local' && !env().production;
  return (
    <footer className="border-t border-border">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-6 text-sm text-muted-foreground sm:px-6">
        <p>CommunityOS — creators earn, communities thrive.</p>
        {local ? (
          <p>
            Local mode ·{' '}
            <Link className="underline underline-offset-4 hover:text-foreground" href="/dev/outbox">
              Email outbox
            </Link>
          </p>
        ) : null}
      </div>
    </footer>
  );
}
