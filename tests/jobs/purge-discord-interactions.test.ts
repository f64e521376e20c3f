import { describe, expect, it } from 'vitest';
import { asService } from '@/lib/db/tx';
import { purgeDiscordInteractions } from '@/lib/jobs/purge-discord-interactions';
import { JOBS } from '@/lib/jobs/registry';

const ages = { a: '31 days', b: '45 days', c: '29 days', d: '1 minute', e: '400 days' } as const;

describe('purge-discord-interactions job', () => {
  it('forgets ids older than 30 days, in batches, and keeps the rest', async () => {
    await asService(async (db) => {
      for (const [id, age] of Object.entries(ages)) {
        await db.query(
          `insert into discord.interactions (id, type, command, received_at)
           values ($1, 2, 'score', now() - $2::interval)`,
          [id, age],
        );
      }
    });
    // batch of 1: three old rows take three full batches and a fourth, empty one ends the loop
    expect(await purgeDiscordInteractions({ batch: 1 })).toEqual({ deleted: 3 });
    const left = await asService((db) =>
      db.query<{ id: string }>('select id from discord.interactions order by id'),
    );
    expect(left.rows.map((r) => r.id)).toEqual(['c', 'd']);
    expect(await purgeDiscordInteractions()).toEqual({ deleted: 0 });
  });

  it('stops after maxBatches even when more rows are due', async () => {
    await asService((db) =>
      db.query(
        `insert into discord.interactions (id, type, received_at)
         select 'old' || g, 2, now() - interval '60 days' from generate_series(1, 5) g`,
      ),
    );
    expect(await purgeDiscordInteractions({ batch: 2, maxBatches: 2 })).toEqual({ deleted: 4 });
    expect(await purgeDiscordInteractions({ batch: 2, maxBatches: 2 })).toEqual({ deleted: 1 });
  });

  it('is registered for the local scheduler and Inngest', () => {
    const job = JOBS.find((j) => j.name === 'purge-discord-interactions');
    expect(job?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
    expect(job?.idle?.({ deleted: 0 })).toBe(true);
    expect(job?.idle?.({ deleted: 2 })).toBe(false);
  });
});
