/**
 * npm run bench:dashboard — the staff dashboard on a big guild.
 *
 * Starts its own embedded PostgreSQL (temporary data folder), applies the migrations and generates, with
 * a deterministic hash of the row number (no random state): one guild (America/New_York) with 50,000
 * members, 850,000 messages and ~150,000 reactions over the last 120 days (≈ 1,000,000 activity events,
 * skewed so a few members are very active), 5,000 tickets with their events, and a 14-day campaign. Then
 * the poller's rollup (discord.rollup_scores, which also builds the local-day rollup) runs once. None of
 * that is measured (its duration is printed).
 *
 * Measured, as an admin through the app's own lib functions (asUser: RLS, grants and each function's
 * access check apply) over the last 30 days: each dashboard query, and the full /dashboard data load —
 * lib/community/dashboard.ts loadDashboard(), the function the page renders, which runs every panel's
 * queries in parallel (page_data_ms). With a production build (`npm run build`) it then times the full
 * /dashboard server render over HTTP from `next start` on the same database, signed in as an admin
 * (page_ms). Each figure is the median of 5 runs after one warm-up run. Timing-only: nothing is
 * cached between runs (no application cache exists; Postgres' buffer cache is warm, as in production).
 *
 * Environment: BENCH_MEMBERS (50000), BENCH_MESSAGES (850000), BENCH_REACTION_PCT (18: share of messages
 * that get one reaction), BENCH_TICKETS (5000), BENCH_ADMIN_URL (use a running server — development only).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { createBenchUsers } from './bench-support';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 50_000);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 850_000);
const REACTION_PCT = Number(process.env.BENCH_REACTION_PCT ?? 18);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 5_000);
const DAYS = 120;
const RUNS = 5;
const GUILD = '424242424242424242';
const TZ = 'America/New_York';

const log = (line: string) => console.log(line);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

async function generate(db: pg.ClientBase): Promise<{ events: number; adminId: string }> {
  await db.query(`select set_config('role', 'service_role', false)`);
  const [adminId] = await createBenchUsers(db, 'bench_admin_', 1);
  await db.query(`update public.profiles set role = 'admin' where id = $1`, [adminId]);
  await db.query('insert into discord.guild_settings (guild_id) values ($1)', [GUILD]);
  await db.query(
    `insert into public.guilds (guild_id, name, timezone, owner_id) values ($1, 'Bench guild', $2, $3)`,
    [GUILD, TZ, adminId],
  );
  // pg_temp.h(i, salt) ∈ [0, 1): a deterministic hash of the row number (this session only).
  await db.query(
    `create function pg_temp.h(i bigint, salt integer) returns float8 language sql immutable
     as $$ select (hashint8(i * 7919 + salt) & 2147483647)::float8 / 2147483648 $$`,
  );
  let t = performance.now();
  await db.query(
    `insert into discord.members (guild_id, user_id, username, joined_at)
     select $1, 'm' || i, 'member_' || i, now() - make_interval(secs => floor(pg_temp.h(i, 1) * 400 * 86400)::int)
       from generate_series(1, $2) i`,
    [GUILD, MEMBERS],
  );
  // Activity skew: member = floor(N × u^2.2), so low ids post far more; time uniform over 120 days.
  await db.query(
    `insert into discord.messages (id, guild_id, channel_id, author_id, author_username, created_at)
     select 'b' || i, $1, 'c' || (i % 40), 'm' || (1 + floor($3 * power(pg_temp.h(i, 2), 2.2))::int),
            'm' || (1 + floor($3 * power(pg_temp.h(i, 2), 2.2))::int),
            now() - make_interval(secs => floor(pg_temp.h(i, 3) * $4 * 86400)::int)
       from generate_series(1, $2) i`,
    [GUILD, MESSAGES, MEMBERS, DAYS],
  );
  await db.query(
    `insert into discord.reactions (message_id, emoji, user_id, guild_id, channel_id, reacted_at)
     select m.id, 'fire', 'm' || (1 + floor($2 * pg_temp.h(substr(m.id, 2)::int, 4))::int), m.guild_id, m.channel_id,
            m.created_at + interval '4 minutes'
       from discord.messages m
      where m.guild_id = $1 and pg_temp.h(substr(m.id, 2)::int, 5) * 100 < $3`,
    [GUILD, MEMBERS, REACTION_PCT],
  );
  const n = await db.query<{ m: string; r: string }>(
    `select (select count(*) from discord.messages) as m, (select count(*) from discord.reactions) as r`,
  );
  const events = Number(n.rows[0]?.m) + Number(n.rows[0]?.r);
  log(
    `generated ${MEMBERS} members, ${n.rows[0]?.m} messages + ${n.rows[0]?.r} reactions = ${events} events (${secs(t)})`,
  );

  t = performance.now();
  await db.query(
    `insert into discord.tickets (guild_id, number, opener_id, subject, description, state, assignee_id, created_at,
                                  first_response_at, resolved_at)
     select $1, i, 'm' || (1 + floor($3 * pg_temp.h(i, 6))::int), 'Ticket ' || i, '',
            case when pg_temp.h(i, 7) < 0.8 then 'resolved' when pg_temp.h(i, 7) < 0.9 then 'in_progress' else 'open' end,
            case when pg_temp.h(i, 7) < 0.9 then 'staff' || (i % 12) end,
            c, case when pg_temp.h(i, 7) < 0.9 then c + make_interval(secs => 60 + floor(pg_temp.h(i, 8) * 7200)::int) end,
            case when pg_temp.h(i, 7) < 0.8 then c + make_interval(secs => 600 + floor(pg_temp.h(i, 9) * 172800)::int) end
       from generate_series(1, $2) i,
            lateral (select now() - make_interval(secs => floor(pg_temp.h(i, 10) * $4 * 86400)::int) as c) x`,
    [GUILD, TICKETS, MEMBERS, DAYS],
  );
  await db.query(
    `insert into discord.ticket_events (ticket_id, action, from_state, to_state, actor_id, at)
     select t.id, 'open', null, 'open', t.opener_id, t.created_at from discord.tickets t
     union all
     select t.id, 'claim', 'open', 'in_progress', t.assignee_id, t.first_response_at from discord.tickets t where t.first_response_at is not null
     union all
     select t.id, 'resolve', 'in_progress', 'resolved', t.assignee_id, t.resolved_at from discord.tickets t where t.resolved_at is not null`,
  );
  await db.query(
    `insert into public.guild_campaigns (guild_id, name, starts_on, ends_on, created_by)
     values ($1, 'Bench campaign', (now() at time zone $2)::date - 20, (now() at time zone $2)::date - 7, $3)`,
    [GUILD, TZ, adminId],
  );
  log(`generated ${TICKETS} tickets with events and a campaign (${secs(t)})`);

  t = performance.now();
  await db.query(`select discord.rollup_scores($1::text, ((now() at time zone 'utc')::date - $2::int))`, [
    GUILD,
    DAYS + 1,
  ]);
  const rows = await db.query<{ n: string; g: string }>(
    `select (select count(*) from community.member_daily) as n, (select count(*) from community.guild_daily) as g`,
  );
  log(
    `rollup (UTC score_daily + local-day member_daily/guild_daily): ${rows.rows[0]?.n} member-days, ${rows.rows[0]?.g} guild-days (${secs(t)}, not measured)`,
  );
  return { events, adminId: adminId as string };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(RUNS / 2)] as number) * 10) / 10;
}

async function measure(adminId: string): Promise<Record<string, number>> {
  const { topMembers, risingStars, churnRadar, starScouter } = await import('@/lib/community/metrics');
  const { listCampaigns } = await import('@/lib/community/campaigns');
  const { ticketStats, ticketDaily, ticketStaff, listTickets } = await import('@/lib/community/tickets');
  const { loadDashboard } = await import('@/lib/community/dashboard');
  const { resolveRange } = await import('@/lib/community/dates');
  const claims = { sub: adminId, role: 'authenticated' as const };
  const range = resolveRange({}, TZ);
  const page = { limit: 25, offset: 0 };
  log(`range ${range.from} – ${range.to} (${TZ}), as an admin; median of ${RUNS} runs after a warm-up:`);
  const out: Record<string, number> = {};
  const time = async (key: string, label: string, fn: () => Promise<unknown>) => {
    out[key] = await median(fn);
    log(`  ${label.padEnd(58)} ${String(out[key]).padStart(8)} ms`);
  };
  await time('top10_ms', 'Top 10 with sparklines (dash_top_members)', () => topMembers(claims, GUILD, range));
  await time('rising_ms', 'Rising Stars, first page (dash_rising_stars)', () =>
    risingStars(claims, GUILD, range, { ...page, order: 'absolute' }),
  );
  await time('churn_ms', 'Churn Radar, first page (dash_churn_radar)', () =>
    churnRadar(claims, GUILD, range.to, page),
  );
  await time('scouter_ms', 'Star Scouter, first page (dash_star_scouter)', () =>
    starScouter(claims, GUILD, range, page),
  );
  await time('campaign_ms', 'Campaign lift of every campaign (dash_campaigns)', () =>
    listCampaigns(claims, GUILD),
  );
  await time('tickets_ms', 'Ticket stats: summary + per day + per staff + list', () =>
    Promise.all([
      ticketStats(claims, GUILD, range),
      ticketDaily(claims, GUILD, range),
      ticketStaff(claims, GUILD, range),
      listTickets(claims, GUILD, range, page),
    ]),
  );
  await time('page_ms', 'Full /dashboard data load (loadDashboard, all panels)', () =>
    loadDashboard(claims, { guild_id: GUILD, timezone: TZ }, range, {
      risingOrder: 'absolute',
      risingPage: 1,
      churnPage: 1,
      scoutPage: 1,
      ticketPage: 1,
    }),
  );
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * The whole page as a browser gets it: `next start` (the production build) on the benchmark database, an
 * admin signed in through the real sign-in route, GET /dashboard (every panel's queries, then the React
 * server render of the HTML). Median of RUNS after one warm-up request.
 */
async function measurePageRender(dbUrl: string): Promise<number> {
  const { createLocalUser } = await import('@/lib/auth/local-auth');
  const { asService } = await import('@/lib/db/tx');
  const email = 'bench-admin@bench.test';
  const password = randomBytes(12).toString('hex');
  const id = await createLocalUser({
    email,
    password,
    username: 'bench_page_admin',
    displayName: 'Bench Admin',
  });
  await asService((db) => db.query(`update public.profiles set role = 'admin' where id = $1`, [id]));
  const { closePool } = await import('@/lib/db/pool');
  await closePool();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn('./node_modules/.bin/next', ['start', '-p', String(port), '-H', '127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: dbUrl,
      AUTH_SECRET: randomBytes(32).toString('hex'),
    },
  });
  let serverLog = '';
  child.stdout?.on('data', (d: Buffer) => {
    serverLog += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    serverLog += d.toString();
  });
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`next start exited: ${serverLog.slice(-2000)}`);
      if (Date.now() > deadline) throw new Error('next start did not become healthy within 60 s');
      const ok = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    const signin = await fetch(`${base}/api/auth/signin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!signin.ok) throw new Error(`sign-in answered ${signin.status}: ${await signin.text()}`);
    const cookie = signin.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return await median(async () => {
      const r = await fetch(`${base}/dashboard?guild=${GUILD}`, { headers: { cookie } });
      const html = await r.text();
      if (r.status !== 200 || !html.includes('Rising')) {
        throw new Error(`/dashboard answered ${r.status} (${html.length} bytes)`);
      }
    });
  } finally {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
}

async function main() {
  let handle: EmbeddedHandle | undefined;
  let root: string | undefined;
  let stopping = false;
  let adminUrl = process.env.BENCH_ADMIN_URL;
  if (!adminUrl) {
    root = await mkdtemp(path.join(os.tmpdir(), 'cos-bench-dashboard-'));
    await chmod(root, 0o755);
    handle = await startEmbeddedPostgres({
      profile: 'dev',
      root,
      log: (l) => {
        if (!stopping) log(`[pg] ${l}`);
      },
    });
    adminUrl = handle.adminUrl;
  }
  const cleanUp = async () => {
    stopping = true;
    const { closePool } = await import('@/lib/db/pool');
    await closePool().catch(() => {});
    await handle?.stop().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true }).catch(() => {});
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  process.once('exit', () => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  try {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    const s = await admin.query<{ v: string }>(`select current_setting('server_version') as v`);
    log(
      `PostgreSQL ${s.rows[0]?.v}; ${os.cpus().length} CPU(s); load average ${os
        .loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    await admin.query('drop database if exists dashboard_bench with (force)');
    await admin.query('create database dashboard_bench');
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = '/dashboard_bench';
    const owner = new pg.Client({ connectionString: u.toString() });
    owner.on('error', () => {});
    await owner.connect();
    await migrate(owner);
    const { adminId } = await generate(owner);
    await owner.query('reset role');
    await owner.query('vacuum (analyze)');
    await owner.end();

    process.env.DATABASE_URL = u.toString();
    const figures = await measure(adminId);
    if (existsSync('.next/BUILD_ID')) {
      // page_ms is the page as served; the data load alone stays as page_data_ms.
      figures.page_data_ms = figures.page_ms as number;
      figures.page_ms = await measurePageRender(u.toString());
      log(
        `  ${'Full /dashboard server render (next start, HTTP GET as an admin)'.padEnd(58)} ${String(figures.page_ms).padStart(8)} ms`,
      );
    } else {
      log(
        '  (no production build: run `npm run build` first to time the full /dashboard server render over HTTP)',
      );
    }
    const { closePool } = await import('@/lib/db/pool');
    await closePool();
    if (process.env.BENCH_KEEP === '1') {
      log(`BENCH_KEEP=1: server left running at ${u.toString()} (Ctrl-C stops it)`);
      await new Promise(() => {});
    }
    await cleanUp();
    console.log(JSON.stringify(figures));
  } catch (err) {
    console.error(err);
    await cleanUp();
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
