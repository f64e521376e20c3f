import { mkdtemp, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError, migrate } from '@/lib/db/migrate';

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe('migration runner', () => {
  it('has applied every file once (local shims first, then migrations in filename order)', async () => {
    const { rows } = await client.query<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by version',
    );
    const versions = rows.map((r) => r.version);
    expect(versions.filter((v) => v.startsWith('local/'))).toEqual([
      'local/0001_roles.sql',
      'local/0002_auth_schema.sql',
      'local/0003_default_privileges.sql',
    ]);
    expect(versions).toContain('20261123000100');
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('is idempotent: a rerun applies nothing and changes nothing', async () => {
    const before = await client.query('select count(*)::int as n from supabase_migrations.schema_migrations');
    const result = await migrate(client);
    expect(result.applied).toEqual([]);
    expect(result.skipped).toBe(before.rows[0].n);
    const after = await client.query('select count(*)::int as n from supabase_migrations.schema_migrations');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('stops at a failing file, names it with the SQL error, and rolls that file back', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cos-mig-'));
    await mkdir(path.join(root, 'migrations'));
    await writeFile(
      path.join(root, 'migrations', '29990101000000_good.sql'),
      'create table public.mig_good (id int primary key);',
    );
    await writeFile(
      path.join(root, 'migrations', '29990101000001_bad.sql'),
      'create table public.mig_half (id int primary key);\nselect * from no_such_table;',
    );
    await writeFile(
      path.join(root, 'migrations', '29990101000002_after.sql'),
      'create table public.mig_after (id int primary key);',
    );
    const err = await migrate(client, root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).message).toMatch(
      /29990101000001_bad\.sql failed: relation "no_such_table" does not exist \(line 2\)/,
    );
    const tables = await client.query<{ t: string | null }>(
      `select to_regclass('public.mig_good')::text as t union all select to_regclass('public.mig_half')::text
       union all select to_regclass('public.mig_after')::text`,
    );
    expect(tables.rows.map((r) => r.t)).toEqual(['mig_good', null, null]);
    const recorded = await client.query(
      'select version from supabase_migrations.schema_migrations where version like $1',
      ['2999%'],
    );
    expect(recorded.rows.map((r) => r.version)).toEqual(['29990101000000']);
  });

  it('rejects a migration file whose name is not YYYYMMDDHHMMSS_name.sql', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'cos-mig-'));
    await mkdir(path.join(root, 'migrations'));
    await writeFile(path.join(root, 'migrations', 'add_things.sql'), 'select 1;');
    await expect(migrate(client, root)).rejects.toThrow(/add_things\.sql.*YYYYMMDDHHMMSS_name\.sql/);
  });
});
