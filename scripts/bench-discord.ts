/**
 * npm run bench:discord — signed Discord interactions against the production build (`npm start`).
 *
 * Needs `npm run build` first. Starts the server as `npm start` does (scripts/start.mjs) on a free port
 * with a fresh embedded database (profile e2e, wiped at start) and a throw-away Ed25519 key as
 * DISCORD_PUBLIC_KEY, feeds it some activity through the signed relay endpoint so /score has data, then
 * sends signed PING, then signed /score at an even
 * 100 req/s (open loop, latency from each request's due time: scripts/bench-paced.ts); every request is
 * a new interaction id, so each one runs the full path: signature, kill switch + at-most-once claim, score
 * query. The same load then goes through autocannon's overallRate, which sends each second's requests as
 * one burst; both are printed. The last line is one JSON object: the paced figures (target p99 ≤ 50 ms)
 * and, under autocannon_burst, autocannon's.
 *
 * Environment: BENCH_RATE (100 req/s), BENCH_SECONDS (30 per run), BENCH_AUTOCANNON_SECONDS (same; 0
 * skips it), BENCH_CONNECTIONS (autocannon's, 10), BENCH_WARMUP (10 s of each kind first, not measured),
 * BENCH_NODE_ARGS (extra node flags for the server, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`),
 * BENCH_TRACE (file: one CSV line per paced request — kind, epoch ms when due, latency ms, status),
 * BENCH_SERVER_LOG (file: the server's output in wall-clock-stamped chunks, e.g. with `--trace-gc`).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { appendFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon, { type Result } from 'autocannon';
import { runPaced } from './bench-paced';

const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 10);
const AUTOCANNON_SECONDS = Number(process.env.BENCH_AUTOCANNON_SECONDS ?? SECONDS);
const APP_ID = '1100000000000000001';
const GUILD = '1200000000000000001';
const RELAY_SECRET = randomBytes(24).toString('hex');

const { publicKey, privateKey } = generateKeyPairSync('ed25519');
const PUBLIC_KEY_HEX = (publicKey.export({ format: 'der', type: 'spki' }) as Buffer)
  .subarray(-32)
  .toString('hex');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}

let seq = BigInt(Date.now() - 1420070400000) << 22n;
const nextId = () => String(++seq);

function signed(body: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return {
    'content-type': 'application/json',
    'x-signature-ed25519': sign(null, Buffer.from(timestamp + body), privateKey).toString('hex'),
    'x-signature-timestamp': timestamp,
  };
}

const memberOf = (n: number) => ({
  user: {
    id: String(1900000000000000000n + BigInt(n)),
    username: `bench_${n}`,
    discriminator: '0',
    avatar: null,
  },
  roles: [],
  permissions: '0',
  joined_at: '2026-01-01T00:00:00.000000+00:00',
  deaf: false,
  mute: false,
  flags: 0,
});

function interaction(kind: 'ping' | 'score', n: number): string {
  const base = { id: nextId(), application_id: APP_ID, token: `tok_${n}`, version: 1 };
  if (kind === 'ping') return JSON.stringify({ ...base, type: 1 });
  return JSON.stringify({
    ...base,
    type: 2,
    guild_id: GUILD,
    channel_id: '1300000000000000001',
    member: memberOf(n % 50),
    data: { id: '1', name: 'score', type: 1 },
  });
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error('next start did not become healthy within 60 s');
}

/** A few thousand messages and reactions from 50 members, through the signed relay endpoint. */
async function seedActivity(url: string): Promise<void> {
  const now = Date.now();
  for (let batch = 0; batch < 10; batch++) {
    const events = Array.from({ length: 300 }, (_, i) => {
      const n = batch * 300 + i;
      const author = memberOf(n % 50).user;
      const id = nextId();
      return {
        id: `m:${id}`,
        type: 'message_create',
        guild_id: GUILD,
        channel_id: '1300000000000000001',
        message: {
          id,
          author: { id: author.id, username: author.username },
          content: 'bench',
          timestamp: new Date(now - (n % 14) * 86_400_000).toISOString(),
        },
      };
    });
    const body = JSON.stringify({ events });
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = createHmac('sha256', RELAY_SECRET).update(`${ts}.`).update(body).digest('hex');
    const r = await fetch(`${url}/api/discord/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-relay-timestamp': ts, 'x-relay-signature': sig },
      body,
    });
    if (!r.ok) throw new Error(`relay seed failed: ${r.status} ${await r.text()}`);
  }
}

async function run(url: string, kind: 'ping' | 'score', seconds = SECONDS): Promise<Result> {
  let n = 0;
  // Sanity check: one request must succeed before measuring.
  const probe = interaction(kind, 0);
  const res = await fetch(`${url}/api/discord/interactions`, {
    method: 'POST',
    headers: signed(probe),
    body: probe,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${kind} probe answered ${res.status}: ${text}`);
  console.log(`${kind} probe: ${text.slice(0, 160)}`);
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    overallRate: RATE,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/api/discord/interactions',
        setupRequest: (req) => {
          const body = interaction(kind, ++n);
          return { ...req, body, headers: signed(body) };
        },
      },
    ],
  });
}

const figures = (r: Result) => ({
  rps: Math.round(r.requests.average * 10) / 10,
  p50_ms: r.latency.p50,
  p99_ms: r.latency.p99,
  errors: r.errors + r.timeouts + r.non2xx,
});

async function main() {
  if (!existsSync('.next/BUILD_ID')) throw new Error('No production build: run `npm run build` first.');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      // What `npm start` runs: next start with V8's worker pool sized for the machine (scripts/start.mjs).
      'scripts/start.mjs',
      '-p',
      String(port),
      '-H',
      '127.0.0.1',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        COMMUNITYOS_DB_PROFILE: 'e2e',
        COMMUNITYOS_DB_FRESH: '1',
        DISCORD_PUBLIC_KEY: PUBLIC_KEY_HEX,
        DISCORD_APPLICATION_ID: APP_ID,
        DISCORD_BOT_TOKEN: 'bench-token-not-used',
        // Nothing in these two paths calls Discord; an unroutable base makes sure of it.
        DISCORD_API_BASE: 'http://127.0.0.1:9/api/v10',
        DISCORD_EVENTS_SECRET: RELAY_SECRET,
      },
    },
  );
  let serverLog = '';
  const logFile = process.env.BENCH_SERVER_LOG;
  const keep = (d: Buffer) => {
    serverLog += d.toString();
    // Each chunk stamped with the wall clock, to line server output (e.g. --trace-gc) up with BENCH_TRACE.
    if (logFile) appendFileSync(logFile, `@${Date.now()}\n${d.toString()}`);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(130);
  });
  try {
    await waitForServer(url, child);
    console.log(`next start on ${url}; seeding activity through the relay…`);
    await seedActivity(url);
    const paced = (kind: 'ping' | 'score', seconds: number) => {
      let n = 0;
      return runPaced({
        url,
        rate: RATE,
        seconds,
        label: kind,
        next: () => {
          const body = interaction(kind, ++n);
          return { path: '/api/discord/interactions', body, headers: signed(body) };
        },
      });
    };
    // A server that has just started is still loading route code, compiling hot paths and running each
    // local job's first pass; measure the steady state, as a deployed server would serve it.
    if (WARMUP_SECONDS > 0) {
      console.log(`\nwarm-up: ${WARMUP_SECONDS} s of each kind, not measured`);
      for (const kind of ['ping', 'score'] as const) await paced(kind, WARMUP_SECONDS);
    }
    const results: Record<string, ReturnType<typeof figures>> = {};
    for (const kind of ['ping', 'score'] as const) {
      console.log(`\n${kind}: ${RATE} req/s for ${SECONDS} s, evenly paced (open loop)`);
      const r = await paced(kind, SECONDS);
      results[kind] = { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms, errors: r.errors };
      console.log(
        `${kind}: ${r.rps} req/s · p50 ${r.p50_ms} ms · p90 ${r.p90_ms} ms · p99 ${r.p99_ms} ms · max ${r.max_ms} ms · errors ${r.errors} of ${r.sent}`,
      );
    }
    // The same load through autocannon's overallRate, which sends each second's requests as a burst
    // (see scripts/bench-paced.ts): printed so both figures are on record.
    const burst: Record<string, ReturnType<typeof figures>> = {};
    if (AUTOCANNON_SECONDS > 0) {
      for (const kind of ['ping', 'score'] as const) {
        console.log(
          `\n${kind} (autocannon, ${CONNECTIONS} connections): ${RATE} req/s for ${AUTOCANNON_SECONDS} s`,
        );
        const r = await run(url, kind, AUTOCANNON_SECONDS);
        burst[kind] = figures(r);
        console.log(
          `${kind} (autocannon): ${burst[kind].rps} req/s · p50 ${r.latency.p50} ms · p90 ${r.latency.p90} ms · p99 ${r.latency.p99} ms · max ${r.latency.max} ms · errors ${burst[kind].errors}`,
        );
      }
    }
    const all = Object.values(results);
    const summary = {
      rps: Math.round((all.reduce((s, x) => s + x.rps, 0) / all.length) * 10) / 10,
      p50_ms: Math.max(...all.map((x) => x.p50_ms)),
      p99_ms: Math.max(...all.map((x) => x.p99_ms)),
      errors: all.reduce((s, x) => s + x.errors, 0),
      ping: results.ping,
      score: results.score,
      autocannon_burst: burst,
    };
    console.log(JSON.stringify(summary));
  } catch (err) {
    console.error(serverLog.split('\n').slice(-30).join('\n'));
    throw err;
  } finally {
    stop();
  }
}

main().catch((err: Error) => {
  console.error(`bench:discord failed: ${err.message}`);
  process.exitCode = 1;
});
