import { describe, expect, it } from 'vitest';
import { createLocalUser } from '@/lib/auth/local-auth';
import { asService } from '@/lib/db/tx';
import { JOBS } from '@/lib/jobs/registry';
import { purgeExpiredSessions } from '@/lib/jobs/purge-expired-sessions';

describe('purge-expired-sessions job', () => {
  it('deletes sessions expired or revoked over a day ago and keeps the rest', async () => {
    const userId = await createLocalUser({
      email: 'purge@example.test',
      password: 'correct-horse-battery',
      username: 'purge_me',
      displayName: 'Purge',
    });
    await asService((db) =>
      db.query(
        `insert into private.sessions (id, user_id, expires_at, revoked_at) values
           ('00000000-0000-4000-8000-000000000001', $1, now() + interval '1 day', null),            -- live
           ('00000000-0000-4000-8000-000000000002', $1, now() - interval '2 days', null),           -- long expired
           ('00000000-0000-4000-8000-000000000003', $1, now() - interval '1 hour', null),           -- just expired
           ('00000000-0000-4000-8000-000000000004', $1, now() + interval '1 day', now() - interval '3 days'), -- revoked long ago
           ('00000000-0000-4000-8000-000000000005', $1, now() + interval '1 day', now())             -- just revoked`,
        [userId],
      ),
    );
    expect(await purgeExpiredSessions()).toEqual({ deleted: 2 });
    const left = await asService((db) =>
      db.query<{ id: string }>('select id from private.sessions order by id'),
    );
    expect(left.rows.map((r) => r.id.slice(-1))).toEqual(['1', '3', '5']);
    expect(await purgeExpiredSessions()).toEqual({ deleted: 0 });
  });

  it('is registered for both the local scheduler and Inngest', () => {
    const job = JOBS.find((j) => j.name === 'purge-expired-sessions');
    expect(job?.run).toBe(purgeExpiredSessions);
    expect(job?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(job?.everyMs).toBeGreaterThan(0);
  });
});
