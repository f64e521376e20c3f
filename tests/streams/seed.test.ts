import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { makeUsers } from '../ledger/helpers';

const { seedStreams } = await import('@/lib/db/seed-streams');

describe('seedStreams (demo data)', () => {
  it('creates one ended stream for mira_draws with chat and viewers, through the SQL API', async () => {
    await makeUsers([
      { username: 'mira_draws', role: 'creator' },
      { username: 'alex_fan' },
      { username: 'bea_fan' },
      { username: 'chris_fan' },
    ]);
    const lines: string[] = [];
    await seedStreams((l) => lines.push(l));
    const r = await asService((db) =>
      db.query<{ status: string; messages: number; viewers: number }>(
        `select s.status,
                (select count(*)::int from public.stream_messages m where m.stream_id = s.id) as messages,
                (select count(*)::int from public.stream_viewers v where v.stream_id = s.id) as viewers
           from public.live_streams s join public.profiles p on p.id = s.creator_id
          where p.username = 'mira_draws'`,
      ),
    );
    expect(r.rows).toEqual([{ status: 'ended', messages: 4, viewers: 3 }]);
    expect(lines).toHaveLength(1);
  });

  it('does nothing when the demo creator does not exist', async () => {
    const lines: string[] = [];
    await asService((db) =>
      db.query(`update public.profiles set username = 'mira_renamed' where username = 'mira_draws'`),
    );
    await seedStreams((l) => lines.push(l));
    expect(lines).toEqual([]);
  });
});
