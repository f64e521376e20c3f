import 'server-only';
import { asService, asUser, type Claims } from './tx';

/**
 * Demo data for live streams: one past stream of Mira's with a few viewers and chat, made through the
 * same SQL functions the app calls (so the analytics page has something to show). No tokens move here:
 * demo fans have no purchases, and gifts only come from real wallets.
 */
export async function seedStreams(log: (l: string) => void = console.log): Promise<void> {
  const ids = await asService(async (db) => {
    const r = await db.query<{ id: string; username: string }>(
      `select id, username from public.profiles where username = any ($1::text[])`,
      [['mira_draws', 'alex_fan', 'bea_fan', 'chris_fan']],
    );
    return new Map(r.rows.map((x) => [x.username, x.id]));
  });
  const claims = (username: string): Claims | null => {
    const id = ids.get(username);
    return id ? { sub: id, role: 'authenticated' } : null;
  };
  const mira = claims('mira_draws');
  if (!mira) return;
  const streamId = await asUser(mira, async (db) => {
    const r = await db.query<{ id: string }>(
      `select id from public.start_stream('Inking a comic page, start to finish', 'art', false)`,
    );
    return r.rows[0]?.id;
  });
  if (!streamId) return;
  const chat: [string, string][] = [
    ['alex_fan', 'Hi Mira! Which brush pen is that?'],
    ['mira_draws', 'A Pentel pocket brush — refill cartridges last ages.'],
    ['bea_fan', 'The cross-hatching on panel 3 is so clean'],
    ['chris_fan', 'Saving this for my own pages, thank you'],
  ];
  for (const [who, body] of chat) {
    const c = claims(who);
    if (!c) continue;
    await asUser(c, async (db) => {
      await db.query('select * from public.stream_presence($1, true)', [streamId]);
      await db.query('select id from public.post_stream_message($1, $2)', [streamId, body]);
    });
  }
  await asUser(mira, (db) => db.query('select id from public.end_stream($1)', [streamId]));
  log('[seed] created a past live stream for mira_draws');
}
