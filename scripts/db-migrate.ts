/**
 * npm run db:migrate — applies supabase/migrations to DATABASE_URL (or the local embedded database).
 * On Supabase production, prefer `supabase db push`; both record versions in the same table.
 */
import pg from 'pg';
import { migrate } from '@/lib/db/migrate';
import { closePool, startLocalDatabase } from '@/lib/db/pool';
import { env } from '@/lib/env';

async function main() {
  const url = env().raw.DATABASE_URL;
  if (!url) {
    await startLocalDatabase();
    console.log('Local embedded database is migrated.');
    return;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await migrate(client);
    console.log(
      `Applied ${r.applied.length} file(s), ${r.skipped} already applied${r.supabase ? ' (Supabase)' : ''}.`,
    );
    for (const f of r.applied) console.log(`  + ${f}`);
  } finally {
    await client.end();
    await closePool();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
