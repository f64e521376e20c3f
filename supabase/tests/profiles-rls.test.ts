process.env.AUTH_SECRET = 'profiles-rls-test-secret-0123456789abcdefghijklm';

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalUser } from '@/lib/auth/local-auth';
import { asService, asUser, type Claims, type Db } from '@/lib/db/tx';
import { resetEnvCache } from '@/lib/env';
import { toAppError } from '@/lib/http/errors';

resetEnvCache();

/**
 * RLS, column grants and the admin functions of the foundation migration, allowed AND denied paths, for
 * anon, two users, an admin and the service role — through asUser()/asService() on real Postgres.
 */

interface TestUser {
  id: string;
  email: string;
  username: string;
  claims: Claims;
}

async function makeUser(username: string, displayName = `User ${username}`): Promise<TestUser> {
  const email = `${username}@example.test`;
  const id = await createLocalUser({ email, password: 'correct horse battery', username, displayName });
  return { id, email, username, claims: { sub: id, email, role: 'authenticated' } };
}

/** The SQLSTATE a statement fails with ('resolved' when it did not fail). */
async function sqlstate(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (err) {
    return String((err as { code?: unknown }).code);
  }
}

async function profileOf(id: string) {
  const r = await asService((db) =>
    db.query<{
      username: string;
      display_name: string;
      bio: string;
      avatar_url: string | null;
      role: string;
      is_banned: boolean;
      updated_at: Date;
    }>('select * from public.profiles where id = $1', [id]),
  );
  const row = r.rows[0];
  if (!row) throw new Error(`no profile ${id}`);
  return row;
}

async function auditRows(targetId: string) {
  const r = await asService((db) =>
    db.query<{ actor_id: string; action: string; reason: string; before: unknown; after: unknown }>(
      'select actor_id, action, reason, before, after from public.admin_audit_log where target_id = $1 order by id',
      [targetId],
    ),
  );
  return r.rows;
}

async function addSession(userId: string): Promise<string> {
  const id = randomUUID();
  await asService((db) =>
    db.query(
      `insert into private.sessions (id, user_id, expires_at) values ($1, $2, now() + interval '1 day')`,
      [id, userId],
    ),
  );
  return id;
}

const setRole = (db: Db, target: string, role: string, reason: string | null) =>
  db.query('select * from public.admin_set_role($1, $2, $3)', [target, role, reason]);
const setBanned = (db: Db, target: string, banned: boolean | null, reason: string | null) =>
  db.query('select * from public.admin_set_banned($1, $2, $3)', [target, banned, reason]);

let alice: TestUser;
let bob: TestUser;
let admin: TestUser;
let carol: TestUser;

beforeAll(async () => {
  alice = await makeUser('alice', 'Alice A');
  bob = await makeUser('bob', 'Bob B');
  admin = await makeUser('root_admin', 'The Admin');
  carol = await makeUser('carol', 'Carol C');
  await asService((db) => db.query(`update public.profiles set role = 'admin' where id = $1`, [admin.id]));
});

describe('auth.users trigger and auth helpers', () => {
  it('creates the profile from the sign-up metadata, with safe defaults', async () => {
    const p = await profileOf(alice.id);
    expect(p).toMatchObject({
      username: 'alice',
      display_name: 'Alice A',
      bio: '',
      avatar_url: null,
      role: 'fan',
      is_banned: false,
    });
  });

  it('falls back to a generated username when the metadata has none', async () => {
    const id = randomUUID();
    await asService((db) =>
      db.query(
        `insert into auth.users (id, aud, role, email, raw_user_meta_data) values ($1, 'authenticated', 'authenticated', $2, '{}')`,
        [id, `${id}@example.test`],
      ),
    );
    const p = await profileOf(id);
    expect(p.username).toBe(`user_${id.replace(/-/g, '').slice(0, 12)}`);
    expect(p.display_name).toBe(p.username);
  });

  it('auth.uid() inside asUser equals claims.sub; anon has no uid', async () => {
    const r = await asUser(alice.claims, (db) =>
      db.query<{ uid: string; role: string; current_user: string }>(
        'select auth.uid() as uid, auth.role() as role, current_user',
      ),
    );
    expect(r.rows[0]).toEqual({ uid: alice.id, role: 'authenticated', current_user: 'authenticated' });
    const anon = await asUser(null, (db) =>
      db.query<{ uid: string | null; current_user: string }>('select auth.uid() as uid, current_user'),
    );
    expect(anon.rows[0]).toEqual({ uid: null, current_user: 'anon' });
  });
});

describe('profiles: read', () => {
  it.each([
    ['anon', () => null],
    ['user A', () => alice.claims],
    ['user B', () => bob.claims],
  ])('%s can read every public profile', async (_who, claims) => {
    const r = await asUser(claims(), (db) =>
      db.query<{ username: string }>('select username from public.profiles order by username'),
    );
    expect(r.rows.map((x) => x.username)).toEqual(expect.arrayContaining(['alice', 'bob', 'carol', 'root_admin']));
  });
});

describe('profiles: update', () => {
  it('user A updates their own username, display_name, bio and avatar_url', async () => {
    const before = await profileOf(alice.id);
    const r = await asUser(alice.claims, (db) =>
      db.query(
        `update public.profiles set username = 'alice_2', display_name = 'Alice Two', bio = 'hi',
                avatar_url = 'https://img.example.test/a.png' where id = $1`,
        [alice.id],
      ),
    );
    expect(r.rowCount).toBe(1);
    const after = await profileOf(alice.id);
    expect(after).toMatchObject({
      username: 'alice_2',
      display_name: 'Alice Two',
      bio: 'hi',
      avatar_url: 'https://img.example.test/a.png',
    });
    expect(after.updated_at.getTime()).toBeGreaterThanOrEqual(before.updated_at.getTime());
    await asUser(alice.claims, (db) =>
      db.query(`update public.profiles set username = 'alice' where id = $1`, [alice.id]),
    );
  });

  it("user A cannot update user B's row: 0 rows, B unchanged", async () => {
    const before = await profileOf(bob.id);
    const r = await asUser(alice.claims, (db) =>
      db.query(`update public.profiles set display_name = 'pwned', bio = 'pwned' where id = $1`, [bob.id]),
    );
    expect(r.rowCount).toBe(0);
    const all = await asUser(alice.claims, (db) => db.query(`update public.profiles set bio = bio`));
    expect(all.rowCount).toBe(1); // only their own row, even without a where clause
    expect(await profileOf(bob.id)).toEqual(before);
  });

  it('an admin cannot edit another profile directly either (only through the admin functions)', async () => {
    const r = await asUser(admin.claims, (db) =>
      db.query(`update public.profiles set bio = 'edited' where id = $1`, [bob.id]),
    );
    expect(r.rowCount).toBe(0);
  });

  it.each([
    ['role', `update public.profiles set role = 'admin' where id = $1`],
    ['is_banned', 'update public.profiles set is_banned = false where id = $1'],
    ['id', 'update public.profiles set id = id where id = $1'],
    ['created_at', 'update public.profiles set created_at = now() where id = $1'],
  ])('user A cannot update their own %s (42501)', async (_col, sql) => {
    expect(await sqlstate(asUser(alice.claims, (db) => db.query(sql, [alice.id])))).toBe('42501');
    expect((await profileOf(alice.id)).role).toBe('fan');
  });

  it('anon cannot update anything (42501)', async () => {
    expect(
      await sqlstate(
        asUser(null, (db) => db.query(`update public.profiles set bio = 'x' where id = $1`, [alice.id])),
      ),
    ).toBe('42501');
    expect(
      await sqlstate(
        asUser(null, (db) => db.query(`update public.profiles set role = 'admin' where id = $1`, [alice.id])),
      ),
    ).toBe('42501');
  });

  it.each([
    ['a username with capitals and spaces', `update public.profiles set username = 'Bad Name' where id = $1`],
    ['a username too short', `update public.profiles set username = 'ab' where id = $1`],
    ['a bio over 500 characters', `update public.profiles set bio = repeat('x', 501) where id = $1`],
    ['a blank display name', `update public.profiles set display_name = '   ' where id = $1`],
    ['a non-http avatar URL', `update public.profiles set avatar_url = 'javascript:alert(1)' where id = $1`],
  ])('rejects %s (check constraint 23514 → VALIDATION_ERROR)', async (_what, sql) => {
    const err = await asUser(alice.claims, (db) => db.query(sql, [alice.id])).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23514');
    expect(toAppError(err).code).toBe('VALIDATION_ERROR');
  });

  it('a bio of exactly 500 characters is accepted', async () => {
    const r = await asUser(alice.claims, (db) =>
      db.query(`update public.profiles set bio = repeat('x', 500) where id = $1`, [alice.id]),
    );
    expect(r.rowCount).toBe(1);
  });

  it('a taken username is a unique violation (23505 → CONFLICT)', async () => {
    const err = await asUser(alice.claims, (db) =>
      db.query(`update public.profiles set username = 'bob' where id = $1`, [alice.id]),
    ).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('23505');
    expect(toAppError(err).code).toBe('CONFLICT');
  });
});

describe('profiles: insert and delete', () => {
  it.each([
    ['anon', () => null],
    ['user A', () => alice.claims],
    ['the admin', () => admin.claims],
  ])('%s cannot insert or delete profiles (42501)', async (_who, claims) => {
    expect(
      await sqlstate(
        asUser(claims(), (db) =>
          db.query(`insert into public.profiles (id, username, display_name) values ($1, 'sneaky', 'S')`, [
            randomUUID(),
          ]),
        ),
      ),
    ).toBe('42501');
    expect(
      await sqlstate(asUser(claims(), (db) => db.query('delete from public.profiles where id = $1', [bob.id]))),
    ).toBe('42501');
    expect((await profileOf(bob.id)).username).toBe('bob');
  });
});

describe('admin_set_role / admin_set_banned', () => {
  it('a non-admin gets CO403 (FORBIDDEN) and nothing changes', async () => {
    const err = await asUser(alice.claims, (db) => setRole(db, alice.id, 'admin', 'promote myself')).catch(
      (e: unknown) => e,
    );
    expect((err as { code?: string }).code).toBe('CO403');
    expect(toAppError(err).code).toBe('FORBIDDEN');
    expect(await sqlstate(asUser(alice.claims, (db) => setBanned(db, bob.id, true, 'spite')))).toBe('CO403');
    expect((await profileOf(alice.id)).role).toBe('fan');
    expect((await profileOf(bob.id)).is_banned).toBe(false);
    expect(await auditRows(alice.id)).toEqual([]);
  });

  it('anon cannot execute the admin functions at all (42501)', async () => {
    expect(await sqlstate(asUser(null, (db) => setRole(db, alice.id, 'admin', 'anon attempt')))).toBe('42501');
    expect(await sqlstate(asUser(null, (db) => setBanned(db, alice.id, true, 'anon attempt')))).toBe('42501');
    expect(await sqlstate(asUser(null, (db) => db.query('select * from public.admin_recent_logs()')))).toBe(
      '42501',
    );
  });

  it('an admin changes a role; the audit log records actor, reason, before and after', async () => {
    const r = await asUser(admin.claims, (db) => setRole(db, carol.id, 'creator', '  verified creator  '));
    expect(r.rows[0]).toMatchObject({ id: carol.id, role: 'creator' });
    expect((await profileOf(carol.id)).role).toBe('creator');
    expect(await auditRows(carol.id)).toEqual([
      {
        actor_id: admin.id,
        action: 'profile.role',
        reason: 'verified creator',
        before: { role: 'fan' },
        after: { role: 'creator' },
      },
    ]);
  });

  it.each([
    ['a null reason', null],
    ['an empty reason', ''],
    ['a blank reason', '     '],
    ['a two-character reason', 'ok'],
  ])('requires a reason: %s is CO422 (VALIDATION_ERROR)', async (_what, reason) => {
    const err = await asUser(admin.claims, (db) => setRole(db, bob.id, 'staff', reason)).catch((e: unknown) => e);
    expect((err as { code?: string }).code).toBe('CO422');
    expect(toAppError(err).code).toBe('VALIDATION_ERROR');
    expect(await sqlstate(asUser(admin.claims, (db) => setBanned(db, bob.id, true, reason)))).toBe('CO422');
    expect(await profileOf(bob.id)).toMatchObject({ role: 'fan', is_banned: false });
  });

  it('rejects an unknown role (CO422) and an unknown user (CO404)', async () => {
    expect(await sqlstate(asUser(admin.claims, (db) => setRole(db, bob.id, 'superuser', 'because')))).toBe(
      'CO422',
    );
    expect(await sqlstate(asUser(admin.claims, (db) => setRole(db, randomUUID(), 'staff', 'because')))).toBe(
      'CO404',
    );
    expect(await sqlstate(asUser(admin.claims, (db) => setBanned(db, randomUUID(), true, 'because')))).toBe(
      'CO404',
    );
  });

  it('an admin cannot change their own role or ban themselves (CO409 → CONFLICT)', async () => {
    const err = await asUser(admin.claims, (db) => setRole(db, admin.id, 'fan', 'step down')).catch(
      (e: unknown) => e,
    );
    expect((err as { code?: string }).code).toBe('CO409');
    expect(toAppError(err).code).toBe('CONFLICT');
    expect(await sqlstate(asUser(admin.claims, (db) => setBanned(db, admin.id, true, 'ban myself')))).toBe('CO409');
    expect(await profileOf(admin.id)).toMatchObject({ role: 'admin', is_banned: false });
  });

  it('banning revokes every live session of the user and is audited; unbanning is audited too', async () => {
    const s1 = await addSession(bob.id);
    const s2 = await addSession(bob.id);
    const other = await addSession(alice.id);
    const r = await asUser(admin.claims, (db) => setBanned(db, bob.id, true, 'spam links'));
    expect(r.rows[0]).toMatchObject({ id: bob.id, is_banned: true });
    const sessions = await asService((db) =>
      db.query<{ id: string; revoked: boolean }>(
        'select id, revoked_at is not null as revoked from private.sessions where id = any($1::uuid[])',
        [[s1, s2, other]],
      ),
    );
    const revoked = Object.fromEntries(sessions.rows.map((x) => [x.id, x.revoked]));
    expect(revoked).toEqual({ [s1]: true, [s2]: true, [other]: false });

    await asUser(admin.claims, (db) => setBanned(db, bob.id, false, 'appeal accepted'));
    expect((await profileOf(bob.id)).is_banned).toBe(false);
    expect(await auditRows(bob.id)).toEqual([
      {
        actor_id: admin.id,
        action: 'profile.ban',
        reason: 'spam links',
        before: { is_banned: false },
        after: { is_banned: true },
      },
      {
        actor_id: admin.id,
        action: 'profile.unban',
        reason: 'appeal accepted',
        before: { is_banned: true },
        after: { is_banned: false },
      },
    ]);
  });

  it('a banned admin loses admin powers', async () => {
    const second = await makeUser('second_admin');
    await asService((db) => db.query(`update public.profiles set role = 'admin' where id = $1`, [second.id]));
    expect(await sqlstate(asUser(second.claims, (db) => setRole(db, bob.id, 'fan', 'works while admin')))).toBe(
      'resolved',
    );
    await asUser(admin.claims, (db) => setBanned(db, second.id, true, 'compromised account'));
    expect(await sqlstate(asUser(second.claims, (db) => setRole(db, bob.id, 'staff', 'still admin?')))).toBe(
      'CO403',
    );
    const seen = await asUser(second.claims, (db) => db.query('select id from public.admin_audit_log'));
    expect(seen.rowCount).toBe(0);
  });
});

describe('admin_audit_log', () => {
  it('is readable by an admin only: users and anon see nothing', async () => {
    const asAdmin = await asUser(admin.claims, (db) => db.query('select id from public.admin_audit_log'));
    expect(asAdmin.rowCount).toBeGreaterThan(0);
    const asAlice = await asUser(alice.claims, (db) => db.query('select id from public.admin_audit_log'));
    expect(asAlice.rowCount).toBe(0);
    expect(await sqlstate(asUser(null, (db) => db.query('select id from public.admin_audit_log')))).toBe('42501');
  });

  it('cannot be written directly by users or admins (42501)', async () => {
    for (const claims of [alice.claims, admin.claims]) {
      expect(
        await sqlstate(
          asUser(claims, (db) =>
            db.query(`insert into public.admin_audit_log (actor_id, action, reason) values ($1, 'forged', 'forged')`, [
              claims.sub,
            ]),
          ),
        ),
      ).toBe('42501');
    }
  });

  const auditCount = async () =>
    (await asService((db) => db.query<{ n: number }>('select count(*)::int as n from public.admin_audit_log')))
      .rows[0]?.n;

  it.each([
    ['user A (update)', () => asUser(alice.claims, (db) => db.query(`update public.admin_audit_log set reason = 'x'`))],
    ['user A (delete)', () => asUser(alice.claims, (db) => db.query('delete from public.admin_audit_log'))],
    ['the admin (update)', () => asUser(admin.claims, (db) => db.query(`update public.admin_audit_log set reason = 'x'`))],
    ['the admin (delete)', () => asUser(admin.claims, (db) => db.query('delete from public.admin_audit_log'))],
    ['the admin (truncate)', () => asUser(admin.claims, (db) => db.query('truncate public.admin_audit_log'))],
  ])('cannot be changed by %s (no grant: 42501)', async (_who, run) => {
    const before = await auditCount();
    expect(before).toBeGreaterThan(0);
    expect(await sqlstate(run())).toBe('42501');
    expect(await auditCount()).toBe(before);
  });

  it.each([
    ['update', `update public.admin_audit_log set reason = 'x'`],
    ['delete', 'delete from public.admin_audit_log'],
  ])('cannot be changed by the service role: %s is refused (append-only trigger CO403, or no grant)', async (_op, sql) => {
    const before = await auditCount();
    expect(['CO403', '42501']).toContain(await sqlstate(asService((db) => db.query(sql))));
    expect(await auditCount()).toBe(before);
  });

  it('cannot be emptied by the service role with TRUNCATE (row triggers do not fire on truncate)', async () => {
    // As service_role in a transaction that is always rolled back, so a failure wipes nothing.
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    try {
      await c.query('begin');
      await c.query('set local role service_role');
      const code = await sqlstate(c.query('truncate public.admin_audit_log'));
      await c.query('rollback');
      expect(['42501', 'CO403']).toContain(code);
    } finally {
      await c.end();
    }
  });

  it('is append-only even for the table owner: the trigger refuses update and delete (CO403)', async () => {
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      const before = await owner.query<{ n: number; reasons: string[] }>(
        'select count(*)::int as n, array_agg(reason order by id) as reasons from public.admin_audit_log',
      );
      expect(before.rows[0]?.n).toBeGreaterThan(0);
      expect(await sqlstate(owner.query(`update public.admin_audit_log set reason = 'rewritten'`))).toBe('CO403');
      expect(await sqlstate(owner.query('delete from public.admin_audit_log'))).toBe('CO403');
      const after = await owner.query(
        'select count(*)::int as n, array_agg(reason order by id) as reasons from public.admin_audit_log',
      );
      expect(after.rows[0]).toEqual(before.rows[0]);
    } finally {
      await owner.end();
    }
  });
});

describe('admin_recent_logs', () => {
  beforeAll(async () => {
    await asService((db) =>
      db.query(
        `insert into private.app_logs (level, source, message) values
           ('info', 'test', 'info line'), ('warn', 'test', 'warn line'), ('error', 'test', 'error line')`,
      ),
    );
  });

  it('returns the latest warn/error rows to an admin, filtered by level', async () => {
    const r = await asUser(admin.claims, (db) =>
      db.query<{ message: string }>('select message from public.admin_recent_logs()'),
    );
    expect(r.rows.map((x) => x.message)).toEqual(['error line', 'warn line']);
    const errors = await asUser(admin.claims, (db) =>
      db.query<{ message: string }>(`select message from public.admin_recent_logs(10, 'error')`),
    );
    expect(errors.rows.map((x) => x.message)).toEqual(['error line']);
    const one = await asUser(admin.claims, (db) =>
      db.query<{ message: string }>(`select message from public.admin_recent_logs(1, 'info')`),
    );
    expect(one.rows.map((x) => x.message)).toEqual(['error line']);
  });

  it('refuses a user with CO403', async () => {
    expect(await sqlstate(asUser(alice.claims, (db) => db.query('select * from public.admin_recent_logs()')))).toBe(
      'CO403',
    );
  });
});

describe('private schema', () => {
  it.each(['select * from private.sessions', 'select * from private.app_logs', 'select * from private.email_outbox'])(
    'anon and authenticated cannot run "%s" (42501)',
    async (sql) => {
      expect(await sqlstate(asUser(alice.claims, (db) => db.query(sql)))).toBe('42501');
      expect(await sqlstate(asUser(admin.claims, (db) => db.query(sql)))).toBe('42501');
      expect(await sqlstate(asUser(null, (db) => db.query(sql)))).toBe('42501');
      expect(await sqlstate(asService((db) => db.query(sql)))).toBe('resolved');
    },
  );

  it('anon cannot call the private helper functions (42501); a user can ask is_admin() about themselves', async () => {
    expect(await sqlstate(asUser(null, (db) => db.query('select private.is_admin()')))).toBe('42501');
    const a = await asUser(alice.claims, (db) => db.query<{ v: boolean }>('select private.is_admin() as v'));
    expect(a.rows[0]?.v).toBe(false);
    const b = await asUser(admin.claims, (db) => db.query<{ v: boolean }>('select private.is_admin() as v'));
    expect(b.rows[0]?.v).toBe(true);
  });
});
