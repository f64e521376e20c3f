import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The catalog gate: our equivalents of Supabase's splinter lints, asked of pg_catalog on the migrated
 * database. Every rule also gets a "the gate can fail" case: a deliberately bad object, created inside a
 * transaction that is rolled back, must be reported by the very same query.
 */

const ALLOWLIST_FILE = path.join(process.cwd(), 'supabase/tests/security-definer-allowlist.json');

/** SQL is written out in full (no interpolation), as everywhere else. Schemas the app does not own: Postgres' own and Supabase's. Every other schema is checked. */
const NOT_OURS = [
  'pg_catalog',
  'information_schema',
  'auth',
  'storage',
  'realtime',
  'extensions',
  'graphql',
  'graphql_public',
  'vault',
  'pgsodium',
  'supabase_functions',
  'supabase_migrations',
  'net',
  'cron',
];

type Rule =
  | 'publicTableWithoutRls'
  | 'secdefWithoutEmptySearchPath'
  | 'secdefExecutableByAnon'
  | 'tableWithoutPk';

const CHECKS: Record<Rule, string> = {
  // Every table in public (reachable through the API roles) has row level security on.
  publicTableWithoutRls: `
    select format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relrowsecurity
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.deptype = 'e')
     order by 1`,
  // SECURITY DEFINER functions pin search_path to '' (stored as search_path="").
  secdefWithoutEmptySearchPath: `
    select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as name
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where p.prosecdef and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'
       and not ('search_path=""' = any (coalesce(p.proconfig, '{}'::text[])))
       and not exists (select 1 from pg_depend d where d.objid = p.oid and d.classid = 'pg_proc'::regclass and d.deptype = 'e')
     order by 1`,
  // SECURITY DEFINER functions are not executable by anon or PUBLIC unless allowlisted ($2).
  secdefExecutableByAnon: `
    select name || ' [' || array_to_string(grantees, ', ') || ']' as name from (
      select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as name,
             array_remove(array[
               case when has_function_privilege('anon', p.oid, 'execute') then 'anon' end,
               case when exists (
                 select 1 from aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
                  where a.grantee = 0 and a.privilege_type = 'EXECUTE') then 'public' end
             ], null) as grantees
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace
       where p.prosecdef and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'
         and not exists (select 1 from pg_depend d where d.objid = p.oid and d.classid = 'pg_proc'::regclass and d.deptype = 'e')
    ) f
     where cardinality(grantees) > 0 and not (f.name = any ($2::text[]))
     order by 1`,
  // Every table has a primary key.
  tableWithoutPk: `
    select format('%I.%I', n.nspname, c.relname) as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where c.relkind in ('r', 'p') and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'
       and not exists (select 1 from pg_constraint k where k.conrelid = c.oid and k.contype = 'p')
       and not exists (select 1 from pg_depend d where d.objid = c.oid and d.classid = 'pg_class'::regclass and d.deptype = 'e')
     order by 1`,
};

async function runCheck(db: pg.ClientBase, rule: Rule, allowlist: string[]): Promise<string[]> {
  const params =
    rule === 'publicTableWithoutRls'
      ? []
      : rule === 'secdefExecutableByAnon'
        ? [NOT_OURS, allowlist]
        : [NOT_OURS];
  const { rows } = await db.query<{ name: string }>(CHECKS[rule], params);
  return rows.map((r) => r.name);
}

async function runChecks(db: pg.ClientBase, allowlist: string[]): Promise<Record<Rule, string[]>> {
  const out = {} as Record<Rule, string[]>;
  for (const rule of Object.keys(CHECKS) as Rule[]) out[rule] = await runCheck(db, rule, allowlist);
  return out;
}

function readAllowlist(): string[] {
  const parsed: unknown = JSON.parse(readFileSync(ALLOWLIST_FILE, 'utf8'));
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new Error(`${ALLOWLIST_FILE} must be a JSON array of "schema.function(argtypes)" strings`);
  }
  return parsed;
}

let db: pg.Client;

beforeAll(async () => {
  db = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
});
afterAll(async () => {
  await db.end();
});

/** Runs fn in a transaction that is always rolled back. */
async function inRolledBackTx<T>(fn: () => Promise<T>): Promise<T> {
  await db.query('begin');
  try {
    return await fn();
  } finally {
    await db.query('rollback');
  }
}

describe('catalog gate on the migrated database', () => {
  it('checks the app schemas public and private, which hold tables and SECURITY DEFINER functions', async () => {
    const { rows } = await db.query<{ nspname: string; tables: number; secdef: number }>(
      `select n.nspname,
              (select count(*)::int from pg_class c where c.relnamespace = n.oid and c.relkind in ('r', 'p')) as tables,
              (select count(*)::int from pg_proc p where p.pronamespace = n.oid and p.prosecdef) as secdef
         from pg_namespace n where n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%' order by 1`,
      [NOT_OURS],
    );
    const bySchema = Object.fromEntries(rows.map((r) => [r.nspname, r]));
    expect(bySchema.public?.tables).toBeGreaterThan(0);
    expect(bySchema.public?.secdef).toBeGreaterThan(0);
    expect(bySchema.private?.tables).toBeGreaterThan(0);
    expect(bySchema.private?.secdef).toBeGreaterThan(0);
  });

  it('every table in public has RLS enabled', async () => {
    expect(await runCheck(db, 'publicTableWithoutRls', [])).toEqual([]);
  });

  it('every SECURITY DEFINER function sets search_path = ""', async () => {
    expect(await runCheck(db, 'secdefWithoutEmptySearchPath', [])).toEqual([]);
  });

  it('no SECURITY DEFINER function is executable by anon or PUBLIC unless allowlisted', async () => {
    expect(await runCheck(db, 'secdefExecutableByAnon', readAllowlist())).toEqual([]);
  });

  it('every table has a primary key', async () => {
    expect(await runCheck(db, 'tableWithoutPk', [])).toEqual([]);
  });

  it('the allowlist is a JSON array naming only existing SECURITY DEFINER functions', async () => {
    const allowlist = readAllowlist();
    const { rows } = await db.query<{ name: string }>(
      `select format('%I.%I(%s)', n.nspname, p.proname, oidvectortypes(p.proargtypes)) as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and n.nspname <> all ($1::text[]) and n.nspname not like 'pg\\_%'`,
      [NOT_OURS],
    );
    const existing = new Set(rows.map((r) => r.name));
    expect(allowlist.filter((name) => !existing.has(name))).toEqual([]);
    expect(new Set(allowlist).size).toBe(allowlist.length);
  });
});

describe('the catalog gate can fail', () => {
  it('reports a public table without RLS (and not a private one, nor one with RLS)', async () => {
    const found = await inRolledBackTx(async () => {
      await db.query('create table public.gate_no_rls (id int primary key)');
      await db.query('create table public.gate_with_rls (id int primary key)');
      await db.query('alter table public.gate_with_rls enable row level security');
      await db.query('create table private.gate_private_no_rls (id int primary key)');
      return runCheck(db, 'publicTableWithoutRls', []);
    });
    expect(found).toEqual(['public.gate_no_rls']);
    expect(await runCheck(db, 'publicTableWithoutRls', [])).toEqual([]);
  });

  it('reports a SECURITY DEFINER function without search_path, or with another search_path', async () => {
    const found = await inRolledBackTx(async () => {
      await db.query(`create function private.gate_no_path(a int) returns int
                      language sql security definer as $$ select a $$`);
      await db.query(`create function private.gate_public_path() returns int
                      language sql security definer set search_path = public as $$ select 1 $$`);
      await db.query(`create function private.gate_good_path() returns int
                      language sql security definer set search_path = '' as $$ select 1 $$`);
      await db.query(`create function private.gate_invoker() returns int language sql as $$ select 1 $$`);
      return runCheck(db, 'secdefWithoutEmptySearchPath', []);
    });
    expect(found).toEqual(['private.gate_no_path(integer)', 'private.gate_public_path()']);
  });

  it('reports a SECURITY DEFINER function executable by anon or PUBLIC, honouring the allowlist', async () => {
    const { found, allowlisted } = await inRolledBackTx(async () => {
      // public: Supabase's default privileges grant it to anon (and PUBLIC keeps EXECUTE).
      await db.query(`create function public.gate_anon_exec(t text, n integer) returns int
                      language sql security definer set search_path = '' as $$ select n $$`);
      // private: no default grant to anon, but PUBLIC has EXECUTE until revoked (anon holds it through PUBLIC).
      await db.query(`create function private.gate_public_exec() returns int
                      language sql security definer set search_path = '' as $$ select 1 $$`);
      // Revoked as the conventions say: not reported.
      await db.query(`create function public.gate_revoked() returns int
                      language sql security definer set search_path = '' as $$ select 1 $$`);
      await db.query('revoke execute on function public.gate_revoked() from public, anon');
      await db.query('grant execute on function public.gate_revoked() to authenticated');
      return {
        // The project's own allowlist stays in force: only the gate functions can show up.
        found: await runCheck(db, 'secdefExecutableByAnon', readAllowlist()),
        allowlisted: await runCheck(db, 'secdefExecutableByAnon', [
          ...readAllowlist(),
          'public.gate_anon_exec(text, integer)',
        ]),
      };
    });
    expect(found).toEqual([
      'private.gate_public_exec() [anon, public]',
      'public.gate_anon_exec(text, integer) [anon, public]',
    ]);
    expect(allowlisted).toEqual(['private.gate_public_exec() [anon, public]']);
  });

  it('reports a table without a primary key in any app schema', async () => {
    const found = await inRolledBackTx(async () => {
      await db.query('create table private.gate_no_pk (x int)');
      await db.query('create table public.gate_no_pk_public (x int unique)');
      await db.query('alter table public.gate_no_pk_public enable row level security');
      await db.query('create schema gate_ledger');
      await db.query('create table gate_ledger.entries (x int)');
      return runCheck(db, 'tableWithoutPk', []);
    });
    expect(found).toEqual(['gate_ledger.entries', 'private.gate_no_pk', 'public.gate_no_pk_public']);
  });

  it('runs every rule clean again after the rollbacks', async () => {
    expect(await runChecks(db, readAllowlist())).toEqual({
      publicTableWithoutRls: [],
      secdefWithoutEmptySearchPath: [],
      secdefExecutableByAnon: [],
      tableWithoutPk: [],
    });
  });
});
