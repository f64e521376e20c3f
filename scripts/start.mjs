#!/usr/bin/env node
/**
 * `npm start`: `next start` with V8's background worker pool sized to leave one core free.
 *
 * V8 runs concurrent garbage-collection marking (and optimising compiles) on a pool of worker threads,
 * 4 by default whatever the machine. On a 2-core machine that also runs PostgreSQL (local mode) every
 * major GC then takes both cores for ~100 ms: the request thread and the database get a third of their
 * CPU and a 100 req/s load queues up for 100–250 ms (measured with bench:discord: each stall lined up
 * with a Mark-Compact in --trace-gc, the workers busy and Postgres idle in per-thread CPU samples).
 * With the pool at cores − 1 (at least 1, at most V8's 4) one core stays for the request thread.
 *
 * Arguments go to `next start` unchanged (`npm start -- -p 4000`), node flags given to this script go to
 * the server too (`node --trace-gc scripts/start.mjs`). NODE_V8_POOL_SIZE overrides the size.
 * Vercel does not use this script: it runs the functions itself.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

export function v8PoolSize(cores = os.availableParallelism(), override = process.env.NODE_V8_POOL_SIZE) {
  if (override !== undefined && override !== '') {
    // The same rule as lib/env.ts, which checks the variable when the app starts.
    if (!/^[1-9][0-9]{0,2}$/.test(override)) {
      throw new Error(`NODE_V8_POOL_SIZE must be a whole number ≥ 1, got "${override}"`);
    }
    return Number(override);
  }
  return Math.min(4, Math.max(1, cores - 1));
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const next = createRequire(import.meta.url).resolve('next/dist/bin/next');
  const child = spawn(
    process.execPath,
    [...process.execArgv, `--v8-pool-size=${v8PoolSize()}`, next, 'start', ...process.argv.slice(2)],
    { stdio: 'inherit' },
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}
