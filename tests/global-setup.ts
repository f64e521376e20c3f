import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { type EmbeddedHandle, startEmbeddedPostgres } from '@/lib/db/embedded';
import { escapeIdentifier } from '@/lib/db/escape-identifier';
import { migrate } from '@/lib/db/migrate';

/**
 * One real PostgreSQL for the whole run (fresh cluster in .data/postgres/test), one migrated template
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

export default async function setup(project: TestProject) {
  if (process.env.TEST_DATABASE_ADMIN_URL) {
    // An external Postgres (e.g. CI with a service): same flow, no embedded server.
    project.provide('pgAdminUrl', process.env.TEST_DATABASE_ADMIN_URL);
  } else {
    handle = await startEmbeddedPostgres({
      profile: 'test',
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
  };
}
