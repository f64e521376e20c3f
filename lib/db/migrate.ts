import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * Applies supabase/local/*.sql (only on a Postgres that is not Supabase) and then
 * supabase/migrations/*.sql, in filename order, each exactly once and each in its own transaction.
 * Versions are tracked in supabase_migrations.schema_migrations, the table the Supabase CLI uses, so
 * `supabase db push` and this runner agree on what has been applied.
 */

export interface MigrationResult {
  applied: string[];
  skipped: number;
  supabase: boolean;
}

export class MigrationError extends Error {
  constructor(
    public readonly file: string,
    public readonly cause: unknown,
    detail: string,
  ) {
    super(`Migration ${file} failed: ${detail}`);
    this.name = 'MigrationError';
  }
}

const ROOT = path.join(/*turbopackIgnore: true*/ process.cwd(), 'supabase');

async function sqlFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names.filter((n) => n.endsWith('.sql')).sort();
}

function lineOf(sql: string, position: unknown): string {
  const pos = Number(position);
  if (!Number.isFinite(pos) || pos <= 0) return '';
  return ` (line ${sql.slice(0, pos).split('\n').length})`;
}

export async function isSupabase(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ yes: boolean }>(
    `select exists (select 1 from pg_roles where rolname = 'supabase_admin') as yes`,
  );
  return rows[0]?.yes === true;
}

export async function migrate(client: pg.ClientBase, root = ROOT): Promise<MigrationResult> {
  // One runner at a time per database (dev server and a script may start together).
  await client.query(`select pg_advisory_lock(hashtext('communityos.migrate'))`);
  try {
    await client.query('create schema if not exists supabase_migrations');
    await client.query(
      `create table if not exists supabase_migrations.schema_migrations (
         version text primary key, name text, statements text[], applied_at timestamptz default now())`,
    );
    await client.query(
      `alter table supabase_migrations.schema_migrations add column if not exists applied_at timestamptz default now()`,
    );
    const supabase = await isSupabase(client);
    const done = new Set(
      (
        await client.query<{ version: string }>('select version from supabase_migrations.schema_migrations')
      ).rows.map((r) => r.version),
    );
    const plan: { version: string; name: string; file: string }[] = [];
    if (!supabase) {
      for (const f of await sqlFiles(path.join(root, 'local'))) {
        plan.push({ version: `local/${f}`, name: f, file: path.join(root, 'local', f) });
      }
    }
    for (const f of await sqlFiles(path.join(root, 'migrations'))) {
      const m = /^(\d{14})_(.+)\.sql$/.exec(f);
      if (!m?.[1] || !m[2]) throw new MigrationError(f, null, 'file name must be YYYYMMDDHHMMSS_name.sql');
      plan.push({ version: m[1], name: m[2], file: path.join(root, 'migrations', f) });
    }
    const applied: string[] = [];
    let skipped = 0;
    for (const step of plan) {
      if (done.has(step.version)) {
        skipped++;
        continue;
      }
      const sql = await readFile(step.file, 'utf8');
      try {
        await client.query('begin');
        await client.query(sql);
        await client.query(
          'insert into supabase_migrations.schema_migrations (version, name) values ($1, $2)',
          [step.version, step.name],
        );
        await client.query('commit');
        applied.push(path.basename(step.file));
      } catch (err) {
        await client.query('rollback').catch(() => {});
        const e = err as { message?: string; position?: unknown };
        throw new MigrationError(
          path.relative(process.cwd(), step.file),
          err,
          `${e.message ?? String(err)}${lineOf(sql, e.position)}`,
        );
      }
    }
    return { applied, skipped, supabase };
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('communityos.migrate'))`);
  }
}
