import 'server-only';
import { asService } from './tx';

/**
 * Demo subscription tiers, posts and shop products for Luna and Kai, and directory categories (public, tier 1 and tier 2 posts), so the profile
 * pages show locked previews out of the box. Written as service_role, once, on an empty database.
 */
const DEMO = [
  {
    username: 'luna_vega',
    tiers: [
      { level: 1, name: 'Front Row', price: 50, perks: 'Subscriber-only posts and early song demos.' },
      {
        level: 2,
        name: 'Backstage',
        price: 150,
        perks: 'Everything in Front Row, plus monthly voice notes and lyric sheets.',
      },
    ],
    posts: [
      {
        title: 'Friday session setlist',
        body: 'This week: three covers and one brand-new song. See you at 8pm!',
        level: null,
      },
      {
        title: 'Demo: "Northern Lights" (rough cut)',
        body: 'Recorded this at 2am in one take. Headphones on — tell me what you think of the bridge.',
        media: 'https://example.com/demo/northern-lights.mp3',
        level: 1,
      },
      {
        title: 'Lyric sheet + chords for the new single',
        body: 'Capo 3. Verse: G – Em – C – D. The chorus lifts to the relative minor on the last line.',
        level: 2,
      },
    ],
  },
  {
    username: 'kai_rivers',
    tiers: [
      { level: 1, name: 'Training Club', price: 40, perks: 'Weekly programme and form-check posts.' },
      {
        level: 2,
        name: 'Coached',
        price: 200,
        perks: 'Training Club plus a personal plan review every month.',
      },
    ],
    posts: [
      {
        title: 'Why I deload every fourth week',
        body: 'Fatigue hides fitness. Here is how I plan deloads.',
        level: null,
      },
      {
        title: 'Week 12 programme',
        body: 'Mon: squat 5x5 @75%. Wed: bench 5x5. Fri: deadlift 3x5 + accessories. Rest 2–3 min between sets.',
        level: 1,
      },
    ],
  },
];

const PRODUCTS = [
  {
    username: 'luna_vega',
    kind: 'digital',
    name: 'Acoustic sessions vol. 1 (MP3)',
    description: 'Eight songs recorded live at the Friday sessions.',
    price: 80,
    stock: null,
    file: 'https://example.com/downloads/acoustic-sessions-vol1.zip',
  },
  {
    username: 'luna_vega',
    kind: 'physical',
    name: 'Signed tour poster',
    description: 'A3, signed by hand. Ships worldwide.',
    price: 120,
    stock: 5,
    file: null,
  },
  {
    username: 'kai_rivers',
    kind: 'digital',
    name: '12-week strength programme (PDF)',
    description: 'The full plan with progressions and deload weeks.',
    price: 60,
    stock: null,
    file: 'https://example.com/downloads/strength-12-weeks.pdf',
  },
];

const CATEGORIES: Record<string, string> = { luna_vega: 'music', kai_rivers: 'fitness', mira_draws: 'art' };

export async function seedSubscriptions(): Promise<void> {
  await asService(async (db) => {
    for (const [username, category] of Object.entries(CATEGORIES)) {
      await db.query(
        `insert into public.creator_listings (creator_id, category)
         select id, $2 from public.profiles where username = $1 on conflict do nothing`,
        [username, category],
      );
    }
    for (const p of PRODUCTS) {
      await db.query(
        `insert into public.products (creator_id, kind, name, description, price, stock, download_url)
         select id, $2, $3, $4, $5, $6, $7 from public.profiles where username = $1`,
        [p.username, p.kind, p.name, p.description, p.price, p.stock, p.file],
      );
    }
  });
  for (const c of DEMO) {
    await asService(async (db) => {
      const r = await db.query<{ id: string }>('select id from public.profiles where username = $1', [
        c.username,
      ]);
      const id = r.rows[0]?.id;
      if (!id) return;
      for (const t of c.tiers) {
        await db.query(
          `insert into public.subscription_tiers (creator_id, level, name, price, perks)
           values ($1, $2, $3, $4, $5) on conflict (creator_id, level) do nothing`,
          [id, t.level, t.name, t.price, t.perks],
        );
      }
      for (const [i, p] of c.posts.entries()) {
        await db.query(
          `insert into public.creator_posts (creator_id, title, body, media_url, required_level, created_at)
           values ($1, $2, $3, $4, $5, now() - make_interval(days => $6))`,
          [id, p.title, p.body, 'media' in p ? p.media : null, p.level, c.posts.length - i],
        );
      }
    });
  }
}
