import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { activity, as, assign, makeGuild, makeUser, member, rollup } from './helpers';

/** Guild access in SQL: RLS on the tables and the explicit check in every metric function. */

const METRICS: [string, unknown[]][] = [
  ['select * from public.dash_top_members($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_rising_stars($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_churn_radar($1, $2::date)', ['2026-03-07']],
  ['select * from public.dash_churn_weeks($1, $2::date)', ['2026-03-07']],
  ['select * from public.dash_star_scouter($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_daily_scores($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_campaigns($1)', []],
  ['select * from public.dash_ticket_stats($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_ticket_daily($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_ticket_staff($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
  ['select * from public.dash_tickets($1, $2::date, $3::date)', ['2026-03-01', '2026-03-07']],
];

async function world() {
  const [admin, owner, otherOwner, staff, fan] = await Promise.all([
    makeUser('admin'),
    makeUser('creator'),
    makeUser('creator'),
    makeUser('staff'),
    makeUser('fan'),
  ]);
  const x = await makeGuild(owner, 'UTC', 'Guild X');
  const y = await makeGuild(otherOwner, 'UTC', 'Guild Y');
  await assign(x, staff);
  for (const g of [x, y]) {
    await member(g, 'm1');
    await activity(g, 'm1', { '2026-03-03': 5 });
    await rollup(g);
  }
  await asService((db) =>
    db.query(
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on, created_by)
       values ($1, 'Y launch', '2026-03-01', '2026-03-02', $2)`,
      [y, otherOwner.id],
    ),
  );
  return { admin, owner, otherOwner, staff, fan, x, y };
}

describe('who sees which guild', () => {
  it('staff of guild X read X and get nothing for Y (every metric CO403, RLS hides rows)', async () => {
    const { staff, x, y } = await world();
    for (const [sql, args] of METRICS) {
      const allowed = await as(staff, sql, [x, ...args]);
      expect(allowed.code, sql).toBeUndefined();
      const denied = await as(staff, sql, [y, ...args]);
      expect(denied.code, sql).toBe('CO403');
    }
    const guilds = await as<{ guild_id: string }>(staff, 'select guild_id from public.guilds');
    expect(guilds.rows.map((r) => r.guild_id)).toEqual([x]);
    expect((await as(staff, 'select * from public.guild_campaigns where guild_id = $1', [y])).rows).toEqual(
      [],
    );
    expect((await as(staff, 'select * from public.guild_staff where guild_id = $1', [y])).rows).toEqual([]);
    const insert = await as(
      staff,
      `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on) values ($1, 'sneaky', '2026-03-01', '2026-03-02')`,
      [y],
    );
    expect(insert.code).toBe('42501');
    const del = await as(staff, 'delete from public.guild_campaigns where guild_id = $1 returning id', [y]);
    expect(del.rows).toEqual([]);
    const still = await asService((db) =>
      db.query('select 1 from public.guild_campaigns where guild_id = $1', [y]),
    );
    expect(still.rowCount).toBe(1);
  });

  it('a creator sees only the guilds they own; an admin sees all', async () => {
    const { admin, owner, x, y } = await world();
    expect(
      (await as<{ guild_id: string }>(owner, 'select guild_id from public.guilds')).rows.map(
        (r) => r.guild_id,
      ),
    ).toEqual([x]);
    expect((await as(owner, METRICS[0]?.[0] as string, [y, '2026-03-01', '2026-03-07'])).code).toBe('CO403');
    const all = await as<{ guild_id: string }>(
      admin,
      'select guild_id from public.guilds where guild_id in ($1, $2) order by 1',
      [x, y],
    );
    expect(all.rows.map((r) => r.guild_id)).toEqual([x, y].sort());
    expect(
      (await as(admin, METRICS[0]?.[0] as string, [y, '2026-03-01', '2026-03-07'])).code,
    ).toBeUndefined();
  });

  it('a fan is refused (CO403) and anon cannot even call the functions (42501)', async () => {
    const { fan, x } = await world();
    for (const [sql, args] of METRICS) {
      expect((await as(fan, sql, [x, ...args])).code, sql).toBe('CO403');
      expect((await as(null, sql, [x, ...args])).code, sql).toBe('42501');
    }
    expect((await as(fan, 'select * from public.guilds')).rows).toEqual([]);
    expect((await as(null, 'select * from public.guilds')).code).toBe('42501');
  });

  it('a staff member whose role is taken away loses access at once', async () => {
    const { staff, x } = await world();
    await asService((db) => db.query(`update public.profiles set role = 'fan' where id = $1`, [staff.id]));
    expect((await as(staff, 'select * from public.dash_campaigns($1)', [x])).code).toBe('CO403');
  });
});

describe('managing access', () => {
  it('the owner or an admin assigns staff; staff, other creators and fans cannot; only staff can be assigned', async () => {
    const { admin, owner, otherOwner, staff, fan, x } = await world();
    const staff2 = await makeUser('staff');
    expect((await as(staff, 'select public.dash_assign_staff($1, $2)', [x, staff2.username])).code).toBe(
      'CO403',
    );
    expect((await as(otherOwner, 'select public.dash_assign_staff($1, $2)', [x, staff2.username])).code).toBe(
      'CO403',
    );
    expect((await as(fan, 'select public.dash_assign_staff($1, $2)', [x, staff2.username])).code).toBe(
      'CO403',
    );
    expect((await as(owner, 'select public.dash_assign_staff($1, $2)', [x, fan.username])).code).toBe(
      'CO422',
    );
    expect((await as(owner, 'select public.dash_assign_staff($1, $2)', [x, 'nobody_here'])).code).toBe(
      'CO404',
    );
    expect(
      (await as(owner, 'select public.dash_assign_staff($1, $2)', [x, staff2.username])).code,
    ).toBeUndefined();
    expect((await as(staff2, 'select guild_id from public.guilds')).rows).toEqual([{ guild_id: x }]);
    expect((await as(admin, 'select public.dash_unassign_staff($1, $2)', [x, staff2.id])).rows).toEqual([
      { dash_unassign_staff: true },
    ]);
    expect((await as(staff2, 'select guild_id from public.guilds')).rows).toEqual([]);
    // Tables are read-only to users: writes go through the functions.
    const direct = await as(owner, 'insert into public.guild_staff (guild_id, staff_id) values ($1, $2)', [
      x,
      staff2.id,
    ]);
    expect(direct.code).toBe('42501');
  });

  it('a creator connects a guild only when the bot knows it and their linked Discord account manages it', async () => {
    const creator = await makeUser('creator');
    const rival = await makeUser('creator');
    const fan = await makeUser('fan');
    const g = '123456789012345678';
    const connect = (u: typeof creator) =>
      as(u, `select (public.dash_connect_guild($1, 'My server', 'Europe/Paris')).guild_id`, [g]);
    expect((await connect(creator)).code).toBe('CO404'); // the bot has never seen it
    await asService((db) => db.query('insert into discord.guild_settings (guild_id) values ($1)', [g]));
    expect((await connect(creator)).code).toBe('CO403'); // no linked Discord account
    await asService(async (db) => {
      for (const [u, d] of [
        [creator, 'd_creator'],
        [rival, 'd_rival'],
      ] as const) {
        await db.query(
          `insert into discord.links (discord_user_id, profile_id, discord_username) values ($1, $2, $1)`,
          [d, u.id],
        );
        await db.query(`insert into discord.members (guild_id, user_id, username) values ($1, $2, $2)`, [
          g,
          d,
        ]);
      }
    });
    expect((await connect(fan)).code).toBe('CO403');
    // Members, but neither manages the server (Manage Server / Administrator): refused.
    const plain = await connect(creator);
    expect(plain.code).toBe('CO403');
    expect(plain.message).toMatch(/manage that Discord server/);
    await asService((db) =>
      db.query(`update discord.members set manages_guild = true where guild_id = $1`, [g]),
    );
    expect((await as(creator, `select public.dash_connect_guild($1, 'x', 'Mars/Olympus')`, [g])).code).toBe(
      'CO422',
    );
    expect((await connect(creator)).code).toBeUndefined();
    expect((await connect(rival)).code).toBe('CO409');
    const row = await asService((db) =>
      db.query('select owner_id, timezone from public.guilds where guild_id = $1', [g]),
    );
    expect(row.rows).toEqual([{ owner_id: creator.id, timezone: 'Europe/Paris' }]);
  });

  it('an admin connects a guild for a creator, and the change of owner is audited', async () => {
    const admin = await makeUser('admin');
    const creator = await makeUser('creator');
    const fan = await makeUser('fan');
    const g = '223456789012345678';
    await asService((db) => db.query('insert into discord.guild_settings (guild_id) values ($1)', [g]));
    expect((await as(admin, `select public.dash_connect_guild($1, 'S', 'UTC', $2)`, [g, fan.id])).code).toBe(
      'CO422',
    );
    expect(
      (await as(admin, `select public.dash_connect_guild($1, 'S', 'UTC', $2)`, [g, creator.id])).code,
    ).toBeUndefined();
    expect((await as(creator, 'select guild_id from public.guilds')).rows).toEqual([{ guild_id: g }]);
    const audit = await asService((db) =>
      db.query(`select action, target_id from public.admin_audit_log where actor_id = $1`, [admin.id]),
    );
    expect(audit.rows).toEqual([{ action: 'guild.set_owner', target_id: creator.id }]);
  });
});
