import 'server-only';
import { asService } from './tx';

/**
 * Demo conversations for local mode: Alex ↔ Luna and Bea ↔ Kai, a few free messages each, and Kai
 * charging 5 tokens per fan message. Seeded rows only (no money moves here); everything after goes
 * through the SQL functions.
 */
const CONVERSATIONS: { a: string; b: string; lines: [string, string, number][] }[] = [
  {
    a: 'alex_fan',
    b: 'luna_vega',
    lines: [
      ['alex_fan', 'Hi Luna! Loved last night’s set.', 180],
      ['luna_vega', 'Thank you Alex! The new track drops Friday.', 170],
      ['alex_fan', 'Can’t wait. Will you play it live?', 160],
      ['luna_vega', 'Yes — first on the next stream.', 30],
    ],
  },
  {
    a: 'bea_fan',
    b: 'kai_rivers',
    lines: [
      ['bea_fan', 'Is the 6-week plan OK for beginners?', 600],
      ['kai_rivers', 'Absolutely. Start with weeks 1–2 twice.', 590],
    ],
  },
];

export async function seedMessages(): Promise<void> {
  await asService(async (db) => {
    const ids = new Map<string, string>();
    const r = await db.query<{ id: string; username: string }>(
      'select id, username from public.profiles where username = any ($1)',
      [['alex_fan', 'luna_vega', 'bea_fan', 'kai_rivers']],
    );
    for (const row of r.rows) ids.set(row.username, row.id);
    const kai = ids.get('kai_rivers');
    if (kai) {
      await db.query(
        `insert into public.message_settings (creator_id, message_price) values ($1, 5) on conflict do nothing`,
        [kai],
      );
    }
    for (const c of CONVERSATIONS) {
      const a = ids.get(c.a);
      const b = ids.get(c.b);
      if (!a || !b) continue;
      const [lo, hi] = a < b ? [a, b] : [b, a];
      const conv = await db.query<{ id: string }>(
        `insert into public.conversations (user_a, user_b) values ($1, $2)
         on conflict (user_a, user_b) do update set user_a = excluded.user_a returning id`,
        [lo, hi],
      );
      const convId = conv.rows[0]?.id;
      if (!convId) continue;
      for (const [i, [from, body, minutesAgo]] of c.lines.entries()) {
        const sender = ids.get(from);
        if (!sender) continue;
        const recipient = sender === a ? b : a;
        await db.query(
          `insert into public.messages (conversation_id, sender_id, recipient_id, kind, body, client_key, created_at, read_at)
           values ($1, $2, $3, 'text', $4, $5, date_trunc('milliseconds', now()) - make_interval(mins => $6),
                   case when $7 then date_trunc('milliseconds', now()) - make_interval(mins => $6) end)
           on conflict (sender_id, client_key) do nothing`,
          [convId, sender, recipient, body, `seed-${convId}-${i}`, minutesAgo, i < c.lines.length - 1],
        );
      }
      await db.query(
        'update public.conversations set last_message_at = (select max(created_at) from public.messages where conversation_id = $1) where id = $1',
        [convId],
      );
    }
  });
}
