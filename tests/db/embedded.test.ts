import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, traversableByOthers } from '@/lib/db/embedded';

async function ping(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const r = await c.query<{ n: number }>('select 1 as n');
  await c.end();
  return r.rows[0]?.n ?? 0;
}

describe('embedded PostgreSQL lifecycle', () => {
  it('reuses a server still running from an earlier start, and recovers from a stale postmaster.pid', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cos-embedded-'));
    chmodSync(root, 0o755);
    const first = await startEmbeddedPostgres({ profile: 'e2e', root });
    expect(first.reused).toBe(false);
    expect(await ping(first.adminUrl)).toBe(1);

    // A second start (e.g. after the app crashed without stopping it) finds the live server and reuses it.
    const second = await startEmbeddedPostgres({ profile: 'e2e', root });
    expect(second.reused).toBe(true);
    expect(second.port).toBe(first.port);
    expect(await ping(second.adminUrl)).toBe(1);

    await first.stop();
    // Simulate a crash that left a pid file behind for a process that no longer exists.
    const pidFile = path.join(first.dataDir, 'postmaster.pid');
    writeFileSync(pidFile, `999999\n${first.dataDir}\n0\n${first.port}\n`);
    const third = await startEmbeddedPostgres({ profile: 'e2e', root });
    expect(third.reused).toBe(false);
    expect(await ping(third.adminUrl)).toBe(1);
    await third.stop();
    expect(existsSync(pidFile)).toBe(false);
  }, 60_000);
});

describe('data folder reachability', () => {
  it('detects a parent folder the postgres system user cannot traverse', async () => {
    const priv = await mkdtemp(path.join(os.tmpdir(), 'cos-private-'));
    chmodSync(priv, 0o700);
    expect(traversableByOthers(path.join(priv, '.data', 'postgres'))).toBe(false);
    chmodSync(priv, 0o755);
    expect(traversableByOthers(path.join(priv, '.data', 'postgres'))).toBe(true);
  });
});
