import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { as, assign, makeGuild, makeUser, member } from './helpers';

/** Ticket statistics on hand-placed tickets (Asia/Tokyo guild, so local days differ from UTC days). */

async function ticket(
  g: string,
  n: number,
  t: {
    opener: string;
    createdAt: string;
    state: string;
    assignee?: string;
    frMin?: number;
    resMin?: number;
    channel?: string;
  },
) {
  return asService(async (db) => {
    const r = await db.query<{ id: string }>(
      `insert into discord.tickets (guild_id, number, opener_id, subject, description, state, assignee_id, channel_id,
                                    created_at, first_response_at, resolved_at)
       values ($1, $2::int, $3, 'Subject ' || $2::int, '', $4, $5, $6, $7::timestamptz,
               $7::timestamptz + make_interval(mins => $8), $7::timestamptz + make_interval(mins => $9))
       returning id`,
      [
        g,
        n,
        t.opener,
        t.state,
        t.assignee ?? null,
        t.channel ?? null,
        t.createdAt,
        t.frMin ?? null,
        t.resMin ?? null,
      ],
    );
    const id = r.rows[0]?.id as string;
    const events: [string, string | null, string, string, number][] = [['open', null, 'open', t.opener, 0]];
    if (t.frMin !== undefined && t.assignee)
      events.push(['claim', 'open', 'in_progress', t.assignee, t.frMin]);
    if (t.resMin !== undefined && t.assignee)
      events.push(['resolve', 'in_progress', 'resolved', t.assignee, t.resMin]);
    for (const [action, from, to, actor, min] of events) {
      await db.query(
        `insert into discord.ticket_events (ticket_id, action, from_state, to_state, actor_id, at)
         values ($1, $2, $3, $4, $5, $6::timestamptz + make_interval(mins => $7))`,
        [id, action, from, to, actor, t.createdAt, min],
      );
    }
    return Number(id);
  });
}

async function world() {
  const admin = await makeUser('admin');
  const staff = await makeUser('staff');
  const g = await makeGuild(admin, 'Asia/Tokyo');
  const other = await makeGuild(admin, 'UTC');
  await assign(g, staff);
  for (const u of ['alice', 'bob', 'mod_a', 'mod_b']) await member(g, u);
  // 1 March 20:00 UTC = 2 March 05:00 in Tokyo.
  const t1 = await ticket(g, 1, {
    opener: 'alice',
    createdAt: '2026-03-01T20:00:00Z',
    state: 'resolved',
    assignee: 'mod_a',
    frMin: 10,
    resMin: 60,
    channel: `chan_${g}`,
  });
  await ticket(g, 2, {
    opener: 'bob',
    createdAt: '2026-03-02T03:00:00Z',
    state: 'resolved',
    assignee: 'mod_b',
    frMin: 20,
    resMin: 120,
  });
  await ticket(g, 3, {
    opener: 'alice',
    createdAt: '2026-03-03T03:00:00Z',
    state: 'in_progress',
    assignee: 'mod_a',
    frMin: 40,
  });
  await ticket(g, 4, { opener: 'bob', createdAt: '2026-03-04T03:00:00Z', state: 'open' });
  await ticket(other, 1, { opener: 'zed', createdAt: '2026-03-02T03:00:00Z', state: 'open' });
  await asService((db) =>
    db.query(
      `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, content, created_at) values
         ('tm2_' || $1, $1, 'chan_' || $1, 'mod_a', 'mod_a', 'On it!', '2026-03-01T20:10:00Z'),
         ('tm1_' || $1, $1, 'chan_' || $1, 'alice', 'alice', 'Help, please', '2026-03-01T20:01:00Z'),
         ('tmx_' || $1, $1, 'elsewhere_' || $1, 'bob', 'bob', 'Elsewhere', '2026-03-01T20:05:00Z')`,
      [g],
    ),
  );
  return { admin, staff, g, other, t1 };
}

describe('ticket statistics', () => {
  it('counts by state and median first response / resolution of tickets opened in the range (local days)', async () => {
    const { staff, g } = await world();
    const all = await as(staff, `select * from public.dash_ticket_stats($1, '2026-03-02', '2026-03-04')`, [
      g,
    ]);
    expect(all.rows).toEqual([
      {
        total: 4,
        open: 1,
        in_progress: 1,
        resolved: 2,
        median_first_response_seconds: 1200,
        median_resolution_seconds: 5400,
        unanswered: 1,
      },
    ]);
    // On 1 March (Tokyo) nothing was opened: ticket 1 opened at 20:00 UTC, already 2 March there.
    const first = await as(
      staff,
      `select total from public.dash_ticket_stats($1, '2026-03-01', '2026-03-01')`,
      [g],
    );
    expect(first.rows).toEqual([{ total: 0 }]);
  });

  it('opened / resolved per local day, zero-filled', async () => {
    const { staff, g } = await world();
    const r = await as<{ day: string; opened: number; resolved: number }>(
      staff,
      `select day::text, opened, resolved from public.dash_ticket_daily($1, '2026-03-01', '2026-03-04')`,
      [g],
    );
    expect(r.rows).toEqual([
      { day: '2026-03-01', opened: 0, resolved: 0 },
      { day: '2026-03-02', opened: 2, resolved: 2 },
      { day: '2026-03-03', opened: 1, resolved: 0 },
      { day: '2026-03-04', opened: 1, resolved: 0 },
    ]);
  });

  it('per-staff claims, resolutions and median first response', async () => {
    const { staff, g } = await world();
    const r = await as(staff, `select * from public.dash_ticket_staff($1, '2026-03-01', '2026-03-04')`, [g]);
    expect(r.rows).toEqual([
      { staff_id: 'mod_a', username: 'mod_a', claimed: 2, resolved: 1, median_first_response_seconds: 1500 },
      { staff_id: 'mod_b', username: 'mod_b', claimed: 1, resolved: 1, median_first_response_seconds: 1200 },
    ]);
  });

  it('lists tickets by state, and shows one ticket with its timeline and transcript (in order)', async () => {
    const { staff, g, t1 } = await world();
    const open = await as<{ number: number }>(
      staff,
      `select number from public.dash_tickets($1, '2026-03-01', '2026-03-04', 'open')`,
      [g],
    );
    expect(open.rows).toEqual([{ number: 4 }]);
    const all = await as<{ number: number; total_count: number }>(
      staff,
      `select number, total_count from public.dash_tickets($1, '2026-03-01', '2026-03-04', null, 2, 0)`,
      [g],
    );
    expect(all.rows).toEqual([
      { number: 4, total_count: 4 },
      { number: 3, total_count: 4 },
    ]);
    const d = await as<{
      d: { events: { action: string }[]; messages: { content: string }[]; ticket: { number: number } };
    }>(staff, 'select public.dash_ticket_detail($1) as d', [t1]);
    const detail = d.rows[0]?.d;
    expect(detail?.ticket.number).toBe(1);
    expect(detail?.events.map((e) => e.action)).toEqual(['open', 'claim', 'resolve']);
    expect(detail?.messages.map((m) => m.content)).toEqual(['Help, please', 'On it!']);
  });

  it('staff of another guild cannot read a ticket (CO403), and an unknown ticket is CO404', async () => {
    const { g, t1 } = await world();
    const outsider = await makeUser('staff');
    const fan = await makeUser('fan');
    expect((await as(outsider, 'select public.dash_ticket_detail($1)', [t1])).code).toBe('CO403');
    expect((await as(fan, 'select public.dash_ticket_detail($1)', [t1])).code).toBe('CO403');
    expect((await as(null, 'select public.dash_ticket_detail($1)', [t1])).code).toBe('42501');
    const admin = await makeUser('admin');
    expect((await as(admin, 'select public.dash_ticket_detail(999999999)')).code).toBe('CO404');
    expect(
      (await as(outsider, `select * from public.dash_ticket_stats($1, '2026-03-01', '2026-03-04')`, [g]))
        .code,
    ).toBe('CO403');
  });
});
