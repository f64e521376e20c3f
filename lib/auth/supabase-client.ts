import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { cookies } from 'next/headers';
import WebSocket from 'ws';
import { env } from '@/lib/env';

/** Supabase clients for managed auth. Node 20 needs the ws transport or createClient throws. */
function keys() {
  const {
    NEXT_PUBLIC_SUPABASE_URL: url,
    NEXT_PUBLIC_SUPABASE_ANON_KEY: anon,
    SUPABASE_SERVICE_ROLE_KEY: service,
  } = env().raw;
  if (!url || !anon || !service) throw new Error('Supabase Auth is not configured');
  return { url, anon, service };
}

export async function supabaseServer(): Promise<SupabaseClient> {
  const { url, anon } = keys();
  const store = await cookies();
  return createServerClient(url, anon, {
    realtime: { transport: WebSocket as never },
    cookies: {
      getAll: () => store.getAll(),
      setAll: (list) => {
        try {
          for (const c of list) store.set(c.name, c.value, c.options);
        } catch {
          // Server Components cannot set cookies; proxy.ts refreshes the session instead.
        }
      },
    },
  });
}

export function supabaseAdmin(): SupabaseClient {
  const { url, service } = keys();
  return createClient(url, service, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  });
}
