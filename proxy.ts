import { createServerClient } from '@supabase/ssr';
import { type NextRequest, NextResponse } from 'next/server';
import { SESSION_COOKIE, verifySessionJwt } from '@/lib/auth/jwt';
import { authSecret } from '@/lib/auth/secret';
import { env } from '@/lib/env';

/**
 * Runs before protected pages: refreshes a Supabase session (managed auth) or checks the local session
 * token, and sends anonymous visitors to sign in. Layouts check the role again on the server — this is
 * not the only guard (a revoked or banned session is caught there, against the database).
 */
const PROTECTED = ['/admin', '/calls', '/creator', '/dashboard', '/profile', '/wallet', '/checkout'];

function isProtected(pathname: string): boolean {
  return PROTECTED.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

function toSignIn(req: NextRequest): NextResponse {
  const url = req.nextUrl.clone();
  url.pathname = '/signin';
  url.search = `?next=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  return NextResponse.redirect(url);
}

export async function proxy(req: NextRequest): Promise<NextResponse> {
  const e = env();
  if (e.services.auth.mode === 'managed') {
    let response = NextResponse.next({ request: req });
    const supabase = createServerClient(
      e.raw.NEXT_PUBLIC_SUPABASE_URL as string,
      e.raw.NEXT_PUBLIC_SUPABASE_ANON_KEY as string,
      {
        cookies: {
          getAll: () => req.cookies.getAll(),
          setAll: (list) => {
            for (const c of list) req.cookies.set(c.name, c.value);
            response = NextResponse.next({ request: req });
            for (const c of list) response.cookies.set(c.name, c.value, c.options);
          },
        },
      },
    );
    // getClaims() verifies the access token and refreshes it (writing cookies) when it is expiring.
    const { data } = await supabase.auth.getClaims();
    if (!data?.claims && isProtected(req.nextUrl.pathname)) return toSignIn(req);
    return response;
  }
  if (!isProtected(req.nextUrl.pathname)) return NextResponse.next();
  const token = req.cookies.get(SESSION_COOKIE)?.value;
  const claims = token ? await verifySessionJwt(token, authSecret()) : null;
  if (!claims) {
    const res = toSignIn(req);
    if (token) res.cookies.delete(SESSION_COOKIE);
    return res;
  }
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico|api/|.*\\.(?:png|jpg|jpeg|svg|webp|ico)$).*)'],
};
