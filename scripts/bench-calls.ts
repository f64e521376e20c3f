/**
 * npm run bench:calls — one minute-boundary settlement pass over 10,000 connected calls.
 *
 * Starts its own embedded PostgreSQL (temporary data folder, fsync on as in production), applies the
 * migrations, creates BENCH_CALLS fans and as many creators (a creator has one live call at a time), funds
 * every fan through ledger.apply_stripe_purchase, and connects every call at T0 through
 * private.call_connect (first minute held). None of that is measured.
 *
 * Measured: two settlement passes through lib/calls/settle-due.ts on BENCH_WORKERS connections — at T0 + 60 s
 * (every call pays minute 0 and holds minute 1) and at T0 + 120 s (the steady state that repeats every
 * minute). Each worker takes its hash partition of the due calls in batches of 200 per transaction
 * (private.settle_due_batch): one ledger transfer per call. Then a duplicate pass at T0 + 120 s must settle
 * nothing, and the checks run: two call_minutes rows per call, each call's counters, the fans' wallets, and
 * ledger.check_invariants(). The JSON (last line) reports the steady-state pass (boundary 2); the line
 * before it gives the first boundary, which also pays one-time costs (first update of every hold, call
 * and earnings row since the bulk set-up).
 *
 * Environment: BENCH_CALLS (10000), BENCH_WORKERS (2: one per core here), BENCH_RATE (10 tokens/minute),
 * BENCH_ADMIN_URL (use a running server instead of starting one — development only).
 */
import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { createBenchUsers, fundUsers, onConnections } from './bench-support';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const RATE = Number(process.env.BENCH_RATE ?? 10);
const FUNDS = 100 * RATE;
const T0 = new Date('2030-01-01T00:00:00Z');
const BOUNDARY_1 = new Date(T0.getTime() + 60_000);
const BOUNDARY_2 = new Date(T0.getTime() + 120_000);

const log = (line: string) => console.log(line);

async function setUp(pool: pg.Pool): Promise<string[]> {
  const c = await pool.connect();
  let fans: string[];
  try {
    const mk = (prefix: string) => createBenchUsers(c, prefix, CALLS);
    fans = await mk('bfan_');
    const creators = await mk('bcreator_');
    await c.query(`update public.profiles set role = 'creator' where id = any ($1::uuid[])`, [creators]);
    await c.query(
      `insert into public.call_settings (creator_id, video_rate, voice_rate, available_now, timezone)
       select unnest($1::uuid[]), $2, $2, true, 'UTC'`,
      [creators, RATE],
    );
    await c.query(
      `insert into public.calls (fan_id, creator_id, kind, rate, status, requested_at, expires_at, answered_at,
                                 fan_joined_at, creator_joined_at)
       select f, cr, 'video', $3, 'accepted', $4, $4, $4, $4, $4
         from unnest($1::uuid[], $2::uuid[]) as x (f, cr)`,
      [fans, creators, RATE, T0],
    );
  } finally {
    c.release();
  }
  await fundUsers(pool, fans, FUNDS, { id: 'starter', amountCents: FUNDS });
  const ids = (await pool.query<{ id: string }>('select id from public.calls')).rows.map((r) => r.id);
  await onConnections(pool, ids, 8, async (c, id) => {
    await c.query('select status from private.call_connect($1, $2)', [id, T0]);
  });
  return ids;
}

/**
 * One settlement pass through the app's own code path (lib/calls/settle-due.ts): the due calls are listed
 * per worker (hash partition), then each is settled in its own short transaction.
 */
async function pass(at: Date): Promise<{ seconds: number; errors: string[] }> {
  const { settleDueCalls } = await import('@/lib/calls/settle-due');
  const started = performance.now();
  const r = await settleDueCalls({ now: at, workers: WORKERS, publish: false });
  return { seconds: (performance.now() - started) / 1000, errors: r.errors.map((e) => e.message) };
}

async function checks(pool: pg.Pool): Promise<string[]> {
  const failed: string[] = [];
  const q = async (sql: string, params: unknown[] = []) =>
    (await pool.query<{ n: string }>(sql, params)).rows[0]?.n ?? '?';
  const minutes = await q('select count(*) as n from public.call_minutes');
  if (Number(minutes) !== 2 * CALLS) failed.push(`call_minutes rows: ${minutes}, expected ${2 * CALLS}`);
  const perCall = await q(
    `select count(*) as n from public.calls c
      where c.status <> 'connected' or c.posted_minutes <> 2 or c.held_minutes <> 3
         or c.next_settle_at <> c.connected_at + interval '3 minutes'
         or (select count(*) from public.call_minutes m where m.call_id = c.id and m.minute_index in (0, 1)) <> 2`,
  );
  if (Number(perCall) !== 0) failed.push(`${perCall} calls not in the expected state`);
  const wallets = await q(
    `select count(*) as n from public.calls c join ledger.accounts a on a.owner_id = c.fan_id and a.kind = 'fan_wallet'
      where a.balance <> $1`,
    [FUNDS - 3 * RATE],
  );
  if (Number(wallets) !== 0) failed.push(`${wallets} fan wallets not at funds − 2 paid − 1 held minute`);
  const inv = await pool.query<{ name: string; ok: boolean; detail: string }>(
    'select * from ledger.check_invariants()',
  );
  for (const r of inv.rows) if (!r.ok) failed.push(`${r.name}: ${r.detail}`);
  return failed;
}

async function main() {
  let handle: EmbeddedHandle | undefined;
  let root: string | undefined;
  let stopping = false;
  let adminUrl = process.env.BENCH_ADMIN_URL;
  if (!adminUrl) {
    root = await mkdtemp(path.join(os.tmpdir(), 'cos-bench-calls-'));
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
    const s = await admin.query<{ fsync: string; v: string }>(
      `select current_setting('fsync') as fsync, current_setting('server_version') as v`,
    );
    log(
      `PostgreSQL ${s.rows[0]?.v}: fsync=${s.rows[0]?.fsync}; ${os.cpus().length} CPU(s); ${WORKERS} workers`,
    );
    await admin.query('drop database if exists calls_bench with (force)');
    await admin.query('create database calls_bench');
    // BENCH_PROFILE=1: per-function timings (pg_stat_user_functions) after the pass.
    if (process.env.BENCH_PROFILE === '1')
      await admin.query(`alter database calls_bench set track_functions = 'pl'`);
    await admin.end();
    const u = new URL(adminUrl);
    u.pathname = '/calls_bench';
    const owner = new pg.Client({ connectionString: u.toString() });
    await owner.connect();
    await migrate(owner);
    await owner.end();

    // The app's pool (lib/db) serves the measured pass; this one the set-up and the checks.
    process.env.DATABASE_URL = u.toString();
    const pool = new pg.Pool({ connectionString: u.toString(), max: 10 });
    pool.on('connect', (c) => {
      void c.query('set role service_role');
    });
    pool.on('error', () => {});
    let t = performance.now();
    await setUp(pool);
    log(
      `set-up: ${CALLS} fans funded with ${FUNDS} tokens, ${CALLS} calls connected (${((performance.now() - t) / 1000).toFixed(1)} s, not measured)`,
    );
    // The set-up wrote ~200k rows in seconds; vacuum now (unmeasured) so autovacuum does not start in the
    // middle of the measured pass, as it would not on a system that got to 10,000 calls over time.
    const owner2 = new pg.Client({ connectionString: u.toString() });
    await owner2.connect();
    await owner2.query('vacuum (analyze)');
    await owner2.end();

    const minuteRows = async () =>
      Number((await pool.query<{ n: string }>('select count(*) as n from public.call_minutes')).rows[0]?.n);
    t = performance.now();
    // Boundary 1: every call pays its first minute (first ledger credit of each creator's sub-account).
    const first = await pass(BOUNDARY_1);
    const settled1 = await minuteRows();
    log(
      `boundary 1 (T0+60s): ${settled1} minutes settled in ${first.seconds.toFixed(2)} s (${(settled1 / first.seconds).toFixed(0)}/s), ${first.errors.length} errors`,
    );
    // Boundary 2: the steady state of 10,000 running calls — the pass that repeats every minute.
    const second = await pass(BOUNDARY_2);
    const settled = (await minuteRows()) - settled1;
    log(
      `boundary 2 (T0+120s): ${settled} minutes settled in ${second.seconds.toFixed(2)} s (${(settled / second.seconds).toFixed(0)}/s), ${second.errors.length} errors`,
    );
    for (const e of [...first.errors, ...second.errors].slice(0, 3)) log(`  error: ${e}`);
    const dup = await pass(BOUNDARY_2);
    const after = await minuteRows();
    log(
      `duplicate pass at T0+120s: ${after - settled1 - settled} more settled in ${dup.seconds.toFixed(2)} s`,
    );
    const ownerPool = new pg.Pool({ connectionString: u.toString(), max: 2 }); // reads ledger tables
    if (process.env.BENCH_PROFILE === '1') {
      const prof = await ownerPool.query<{ f: string; calls: string; total: number; self: number }>(
        `select schemaname || '.' || funcname as f, calls, round(total_time) as total, round(self_time) as self
           from pg_stat_user_functions order by self_time desc limit 15`,
      );
      for (const p of prof.rows)
        log(`  ${p.f.padEnd(40)} calls=${p.calls} total=${p.total}ms self=${p.self}ms`);
    }
    const failed = await checks(ownerPool);
    await ownerPool.end();
    if (after !== settled1 + settled) failed.push('the duplicate pass settled again');
    for (const f of failed) log(`CHECK FAILED: ${f}`);
    log(
      `checks: ${failed.length === 0 ? 'all passed' : `${failed.length} failed`} (${((performance.now() - t) / 1000).toFixed(1)} s with checks)`,
    );
    await pool.end();
    const { closePool } = await import('@/lib/db/pool');
    await closePool();
    console.log(
      JSON.stringify({
        calls: CALLS,
        settle_seconds: Number(second.seconds.toFixed(3)),
        settlements_per_s: Math.round(settled / second.seconds),
        invariants_ok: failed.length === 0 && first.errors.length + second.errors.length === 0,
      }),
    );
  } finally {
    await cleanUp();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
