import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { closePool } from '@/lib/db/pool';
import { escapeIdentifier } from '@/lib/db/escape-identifier';
import { resetEnvCache } from '@/lib/env';

/** Each test file: its own database, cloned from the migrated template (fast), dropped afterwards. */
const adminUrl = inject('pgAdminUrl');
const template = inject('pgTemplate');
const dbName = `t_${randomBytes(6).toString('hex')}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${escapeIdentifier(dbName)} template ${escapeIdentifier(template)}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
process.env.DATABASE_URL = url.toString();
process.env.TEST_DATABASE_NAME = dbName;
resetEnvCache();

afterAll(async () => {
  await closePool();
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  await a.query(`drop database if exists ${escapeIdentifier(dbName)} with (force)`);
  await a.end();
});
