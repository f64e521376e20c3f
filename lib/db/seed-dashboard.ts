import 'server-only';
import { localToday } from '@/lib/community/dates';
import { asService, type Db } from './tx';

/**
 * Demo data for the staff dashboard (local mode): Luna's guild with 60 members and 120 days of activity
 * drawn from a fixed-seed generator, shaped so every panel has something to show — steady regulars, some
 * rising, some churning in the last full week, new members who are already stars, two campaigns (one a
 * single day yesterday), and tickets with their events and transcripts. Sam (staff) is assigned to it.
 * Kai's guild exists too, and Sam is not assigned to it (isolation is visible).
 */

export const DEMO_GUILD_ID = '1180000000000000001';
export const OTHER_GUILD_ID = '1180000000000000002';
const TZ = 'Europe/Paris';
const DAYS = 120;

/** mulberry32: a tiny deterministic PRNG, so the demo looks the same on every machine for a given day. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'nova_beats',
  'river_song',
  'echo_lane',
  'mila_strings',
  'jonas_keys',
  'pia_hums',
  'theo_drums',
  'ines_loops',
  'ravi_chords',
  'sofia_notes',
  'liam_tempo',
  'yuki_voice',
  'omar_bass',
  'lena_folk',
  'marco_jam',
  'zoe_tunes',
  'ana_melody',
  'ben_riff',
  'cleo_sings',
  'dario_pick',
  'emma_harmony',
  'felix_groove',
  'gaia_lyric',
  'hugo_beat',
  'iris_reverb',
  'jade_verse',
  'kofi_rhythm',
  'lara_tone',
  'max_octave',
  'nina_chorus',
  'otto_bridge',
  'paula_hook',
  'quinn_fade',
  'rosa_bpm',
  'sam_listens',
  'tara_key',
  'uli_vinyl',
  'vera_live',
  'wes_acoustic',
  'xena_falsetto',
  'yara_bars',
  'zane_scale',
  'alba_duet',
  'bruno_sax',
  'carla_cello',
  'dev_synth',
  'elio_flute',
  'faye_mic',
  'gus_banjo',
  'hana_piano',
  'ivo_tabla',
  'juno_harp',
  'kira_lute',
  'leo_organ',
  'mae_viola',
  'nils_tuba',
  'opal_oboe',
  'pax_guitar',
  'rhea_sitar',
  'sven_horn',
];

type Kind = 'regular' | 'rising' | 'churning' | 'star' | 'quiet';
const kindOf = (i: number): Kind =>
  i < 40 ? 'regular' : i < 46 ? 'rising' : i < 52 ? 'churning' : i < 57 ? 'star' : 'quiet';

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Monday of the last full Monday–Sunday week before `today` (as the churn radar computes it). */
function lastFullWeekStart(today: string): string {
  const yesterday = addDays(today, -1);
  const dow = (new Date(`${yesterday}T00:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
  const sunday = dow === 6 ? yesterday : addDays(yesterday, -(dow + 1));
  return addDays(sunday, -6);
}

interface Msg {
  id: string;
  author: string;
  day: string;
  minute: number;
  content: string;
  channel: string;
}

function generate(today: string, guildId: string, seed: number, members: number) {
  const rand = rng(seed);
  const weekStart = lastFullWeekStart(today);
  const start = addDays(today, -(DAYS - 1));
  const liveQa = addDays(today, -1);
  const campaignStart = addDays(today, -34);
  const campaignEnd = addDays(today, -21);
  const msgs: Msg[] = [];
  const joined: string[] = [];
  let seq = 0;
  for (let i = 0; i < members; i++) {
    const kind = kindOf(i);
    const joinedDaysAgo =
      kind === 'star' ? 4 + ((i * 3) % 20) : kind === 'quiet' ? 2 + i - 57 : 130 + ((i * 37) % 300);
    joined.push(addDays(today, -joinedDaysAgo));
    const base = kind === 'regular' ? 0.6 + rand() * 2.2 : kind === 'star' ? 9 : kind === 'quiet' ? 0.2 : 2.2;
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(start, d);
      const daysAgo = DAYS - 1 - d;
      if (daysAgo > joinedDaysAgo) continue;
      let rate = base;
      if (kind === 'rising') rate = daysAgo < 30 ? 5 + (i - 40) * 0.8 : 0.5;
      if (kind === 'churning') rate = day >= weekStart ? 0.15 : 3.2;
      if (kind === 'regular' && day >= campaignStart && day <= campaignEnd) rate *= 1.6;
      if (kind === 'regular' && day === liveQa) rate *= 2.5;
      if (day > today) continue;
      const weekend = [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
      const n = Math.floor(rate * (weekend ? 1.2 : 1) * (0.5 + rand()));
      for (let k = 0; k < n; k++) {
        const minute = day === today ? Math.floor(rand() * 60) : 8 * 60 + Math.floor(rand() * 15 * 60);
        msgs.push({
          id: `${guildId}${String(++seq).padStart(7, '0')}`,
          author: `u${i}`,
          day,
          minute,
          content: '',
          channel: `${guildId}1`,
        });
      }
    }
  }
  return { msgs, joined, liveQa, campaignStart, campaignEnd };
}

async function insertMessages(db: Db, guildId: string, names: string[], msgs: Msg[]): Promise<void> {
  for (let i = 0; i < msgs.length; i += 5000) {
    const batch = msgs.slice(i, i + 5000);
    await db.query(
      `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, content, created_at)
       select x.id, $1, x.channel, x.author, x.username, x.content,
              (x.day::timestamp + x.minute * interval '1 minute') at time zone $2
         from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::int[])
              as x (id, channel, author, username, content, day, minute)
       on conflict (id) do nothing`,
      [
        guildId,
        TZ,
        batch.map((m) => m.id),
        batch.map((m) => m.channel),
        batch.map((m) => `${guildId.slice(-1)}${m.author}`),
        batch.map((m) => names[Number(m.author.slice(1))] ?? m.author),
        batch.map((m) => m.content || 'Loved tonight’s session!'),
        batch.map((m) => m.day),
        batch.map((m) => m.minute),
      ],
    );
  }
}

async function seedGuild(
  db: Db,
  g: { id: string; name: string; tz: string; owner: string; seed: number; members: number },
  today: string,
) {
  const names = NAMES.slice(0, g.members);
  const data = generate(today, g.id, g.seed, g.members);
  await db.query('insert into discord.guild_settings (guild_id) values ($1) on conflict do nothing', [g.id]);
  await db.query(
    `insert into public.guilds (guild_id, name, timezone, owner_id)
     select $1, $2, $3, p.id from public.profiles p where p.username = $4 on conflict do nothing`,
    [g.id, g.name, g.tz, g.owner],
  );
  // Member ids are "<last digit of guild id>u<n>" (short, readable in CSVs).
  await db.query(
    `insert into discord.members (guild_id, user_id, username, joined_at)
     select $1, right($1, 1) || 'u' || (x.ord - 1), x.name, (x.joined::timestamp + interval '15 hours') at time zone $4
       from unnest($2::text[], $3::date[]) with ordinality as x (name, joined, ord)`,
    [g.id, names, data.joined, g.tz],
  );
  await insertMessages(db, g.id, names, data.msgs);
  // Reactions: every fifth message gets one from the next member.
  await db.query(
    `insert into discord.reactions (message_id, emoji, user_id, guild_id, channel_id, reacted_at)
     select m.id, '❤️', right($1, 1) || 'u' || ((substr(m.author_id, 3)::int + 1) % $2), m.guild_id, m.channel_id,
            m.created_at + interval '3 minutes'
       from discord.messages m
      where m.guild_id = $1 and right(m.id, 1) in ('0', '5')
     on conflict do nothing`,
    [g.id, g.members],
  );
  return data;
}

async function seedTickets(db: Db, today: string): Promise<void> {
  const g = DEMO_GUILD_ID;
  const staff = ['1staff_sam', '1staff_rio'];
  await db.query(
    `insert into discord.members (guild_id, user_id, username, joined_at) values
       ($1, '1staff_sam', 'sam_staff', now() - interval '300 days'),
       ($1, '1staff_rio', 'rio_mod', now() - interval '200 days')
     on conflict do nothing`,
    [g],
  );
  const tickets = [
    {
      opener: 3,
      subject: 'Cannot see the Friday session channel',
      state: 'resolved',
      daysAgo: 26,
      fr: 14,
      res: 95,
    },
    {
      opener: 8,
      subject: 'Tip did not show up in my history',
      state: 'resolved',
      daysAgo: 19,
      fr: 42,
      res: 300,
    },
    {
      opener: 15,
      subject: 'Request: lyrics sheet for the new song',
      state: 'resolved',
      daysAgo: 12,
      fr: 8,
      res: 50,
    },
    { opener: 21, subject: 'Voice chat keeps dropping', state: 'in_progress', daysAgo: 6, fr: 25, res: null },
    {
      opener: 30,
      subject: 'How do I link my Discord account?',
      state: 'resolved',
      daysAgo: 4,
      fr: 5,
      res: 20,
    },
    { opener: 44, subject: 'Bot ignored my /score command', state: 'open', daysAgo: 1, fr: null, res: null },
    { opener: 52, subject: 'Want to help moderate', state: 'open', daysAgo: 0, fr: null, res: null },
  ] as const;
  let number = 0;
  for (const [i, t] of tickets.entries()) {
    number += 1;
    const staffId = staff[i % 2] as string;
    const opener = `1u${t.opener}`;
    const channel = `${g}9${String(i).padStart(3, '0')}`;
    const r = await db.query<{ id: string; created_at: Date }>(
      `with c as (
         select least((($2::date - $3::int)::timestamp + interval '10 hours 15 minutes') at time zone $13,
                      now() - interval '2 hours') as at
       )
       insert into discord.tickets (guild_id, number, opener_id, subject, description, state, assignee_id, channel_id,
                                    created_at, first_response_at, resolved_at, updated_at)
       select $1::text, $4::int, $5::text, $6::text, $7::text, $8::text,
              case when $8::text = 'open' then null else $9::text end, $10::text, c.at,
              c.at + make_interval(mins => $11::int), c.at + make_interval(mins => $12::int), c.at
         from c
       returning id, created_at`,
      [
        g,
        today,
        t.daysAgo,
        number,
        opener,
        t.subject,
        `${t.subject}. Details from the member.`,
        t.state,
        staffId,
        channel,
        t.fr,
        t.res,
        TZ,
      ],
    );
    const id = r.rows[0]?.id;
    const at = r.rows[0]?.created_at as Date;
    const plus = (min: number) => new Date(at.getTime() + min * 60_000);
    const events: [string, string | null, string, string, Date][] = [['open', null, 'open', opener, at]];
    if (t.fr !== null) events.push(['claim', 'open', 'in_progress', staffId, plus(t.fr)]);
    if (t.res !== null) events.push(['resolve', 'in_progress', 'resolved', staffId, plus(t.res)]);
    for (const [action, from, to, actor, when] of events) {
      await db.query(
        `insert into discord.ticket_events (ticket_id, action, from_state, to_state, actor_id, at) values ($1, $2, $3, $4, $5, $6)`,
        [id, action, from, to, actor, when],
      );
    }
    await db.query(
      `insert into discord.channels (channel_id, guild_id, kind) values ($1, $2, 'ticket') on conflict do nothing`,
      [channel, g],
    );
    const lines: [string, string, number][] = [
      [opener, `Hi! ${t.subject}.`, 1],
      ...(t.fr !== null
        ? ([[staffId, 'Thanks for reaching out, looking into it now.', t.fr]] as [string, string, number][])
        : []),
      ...(t.res !== null
        ? ([[staffId, 'This should be fixed now — let us know if not!', t.res - 1]] as [
            string,
            string,
            number,
          ][])
        : []),
      ...(t.res !== null ? ([[opener, 'Works now, thank you!', t.res]] as [string, string, number][]) : []),
    ];
    for (const [k, [author, content, min]] of lines.entries()) {
      await db.query(
        `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, content, created_at)
         select $1, $2, $3, $4, coalesce((select username from discord.members where guild_id = $2 and user_id = $4), $4), $5, $6
         on conflict do nothing`,
        [`${channel}${k}`, g, channel, author, content, plus(min)],
      );
    }
  }
  await db.query('update discord.guild_settings set next_ticket_number = $2 where guild_id = $1', [
    g,
    number + 1,
  ]);
}

/** Creates the demo guilds once (skips when Luna's guild exists). */
export async function seedDashboard(log: (l: string) => void = console.log): Promise<void> {
  const today = localToday(TZ);
  await asService(async (db) => {
    const exists = await db.query('select 1 from public.guilds where guild_id = $1', [DEMO_GUILD_ID]);
    if (exists.rowCount) return;
    const luna = await seedGuild(
      db,
      { id: DEMO_GUILD_ID, name: "Luna's Lounge", tz: TZ, owner: 'luna_vega', seed: 42, members: 60 },
      today,
    );
    await seedGuild(
      db,
      {
        id: OTHER_GUILD_ID,
        name: "Kai's Training Camp",
        tz: 'America/New_York',
        owner: 'kai_rivers',
        seed: 7,
        members: 24,
      },
      today,
    );
    await db.query(
      `insert into public.guild_staff (guild_id, staff_id)
       select $1, p.id from public.profiles p where p.username = 'sam_staff' on conflict do nothing`,
      [DEMO_GUILD_ID],
    );
    await db.query(
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on, created_by)
       select $1, x.name, x.s, x.e, p.id from public.profiles p,
              (values ('Autumn Listening Party', $2::date, $3::date), ('Live Q&A', $4::date, $4::date)) as x (name, s, e)
        where p.username = 'luna_vega'`,
      [DEMO_GUILD_ID, luna.campaignStart, luna.campaignEnd, luna.liveQa],
    );
    await seedTickets(db, today);
    for (const g of [DEMO_GUILD_ID, OTHER_GUILD_ID]) {
      await db.query('select discord.rollup_scores($1, $2::date)', [g, addDays(today, -(DAYS + 2))]);
    }
  });
  log(`[seed] dashboard demo: "Luna's Lounge" (60 members, ${DAYS} days) and "Kai's Training Camp"`);
}
