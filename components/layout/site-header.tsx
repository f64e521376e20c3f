import Link from 'next/link';
import { HeaderActions } from '@/components/notifications/header-actions';
import { Button } from '@/components/ui/button';
import { getViewer } from '@/lib/auth/viewer';
import { MobileNav } from './mobile-nav';
import { NavLinks } from './nav-links';
import { UserMenu } from './user-menu';
import { navFor } from './nav';

export async function SiteHeader() {
  const viewer = await getViewer();
  const items = navFor(viewer?.profile.role ?? null);
  return (
    <header className="sticky top-0 z-40 border-b border-border bg-background/90 backdrop-blur">
      <div className="mx-auto flex h-14 w-full max-w-6xl items-center gap-4 px-4 sm:px-6">
        <MobileNav items={items.map(({ href, label }) => ({ href, label }))} />
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight">
          <span
            aria-hidden
            className="grid size-7 place-items-center rounded-md bg-primary text-xs font-bold text-primary-foreground"
          >
            C
          </span>
          <span>CommunityOS</span>
        </Link>
        <div className="hidden min-w-0 md:block">
          <NavLinks items={items.map(({ href, label }) => ({ href, label }))} />
        </div>
        <div className="ml-auto flex items-center gap-2">
          {viewer ? <HeaderActions viewer={viewer} /> : null}
          {viewer ? (
            <UserMenu
              displayName={viewer.profile.display_name}
              username={viewer.profile.username}
              role={viewer.profile.role}
              avatarUrl={viewer.profile.avatar_url}
            />
          ) : (
            <>
              <Button asChild variant="ghost" size="sm">
                <Link href="/signin">Sign in</Link>
              </Button>
              <Button asChild size="sm">
                <Link href="/signup">Sign up</Link>
              </Button>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
