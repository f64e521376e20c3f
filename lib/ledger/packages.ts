import 'server-only';
import { asUser } from '@/lib/db/tx';
import type { TokenPackage } from './types';

/** Token packages are public: read as anon, so the RLS select policy is what lets anyone see them. */

/** Packages on sale, in display order. */
export async function listPackages(): Promise<TokenPackage[]> {
  return asUser(null, async (db) => {
    const r = await db.query<TokenPackage>(
      'select id, tokens, price_cents, currency, active, sort from public.token_packages where active order by sort, id',
    );
    return r.rows;
  });
}

/**
 * One package by id, active or not (null when unknown). Check `active` before selling it; a paid checkout
 * of a package retired since is still credited.
 */
export async function getPackage(id: string): Promise<TokenPackage | null> {
  return asUser(null, async (db) => {
    const r = await db.query<TokenPackage>(
      'select id, tokens, price_cents, currency, active, sort from public.token_packages where id = $1',
      [id],
    );
    return r.rows[0] ?? null;
  });
}
