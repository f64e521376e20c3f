import { describe, expect, it } from 'vitest';
import { loadDashboard } from '@/lib/community/dashboard';
import { resolveRange } from '@/lib/community/dates';
import { listGuilds } from '@/lib/community/guilds';
import { seedDemoData } from '@/lib/db/seed';
import { DEMO_GUILD_ID, OTHER_GUILD_ID } from '@/lib/db/seed-dashboard';
import { asService, type Claims } from '@/lib/db/tx';

/** The local demo data makes every dashboard panel non-empty, for Luna (owner) and Sam (assigned staff). */

async function claimsFor(username: string): Promise<Claims> {
  const r = await asService((db) =>
    db.query<{ id: string }>('select id from public.profiles where username = $1', [username]),
  );
  const id = r.rows[0]?.id as string;
  return { sub: id, role: 'authenticated' };
}

describe('dashboard demo data', () => {
  it('fills every panel of Luna’s guild, and Sam sees it but not Kai’s', async () => {
    await seedDemoData(() => {});
    const sam = await claimsFor('sam_staff');
    const luna = await claimsFor('luna_vega');
    expect((await listGuilds(sam)).map((g) => g.guild_id)).toEqual([DEMO_GUILD_ID]);
    expect((await listGuilds(luna)).map((g) => g.guild_id)).toEqual([DEMO_GUILD_ID]);
    expect((await listGuilds(await claimsFor('kai_rivers'))).map((g) => g.guild_id)).toEqual([
      OTHER_GUILD_ID,
    ]);

    const guild = { guild_id: DEMO_GUILD_ID, timezone: 'Europe/Paris' };
    const d = await loadDashboard(sam, guild, resolveRange({}, guild.timezone), {
      risingOrder: 'absolute',
      risingPage: 1,
      churnPage: 1,
      scoutPage: 1,
      ticketPage: 1,
    });
    expect(d.top).toHaveLength(10);
    expect(d.rising.total).toBeGreaterThan(0);
    expect(d.churn.total).toBeGreaterThan(0);
    expect(d.scouter.total).toBeGreaterThan(0);
    expect(d.campaigns.map((c) => c.name).sort()).toEqual(['Autumn Listening Party', 'Live Q&A']);
    expect(d.campaigns.every((c) => c.lift_pct !== null && c.lift_pct > 0)).toBe(true);
    expect(d.campaign?.days.length).toBeGreaterThan(2);
    expect(d.ticketStats.total).toBe(7);
    expect(d.ticketStats.open).toBe(2);
    expect(d.ticketStaff.map((s) => s.username).sort()).toEqual(['rio_mod', 'sam_staff']);
    expect(d.tickets.items).toHaveLength(7);
    // The generated churners (members 46–51) are the ones the radar finds.
    expect(d.churn.items.map((c) => c.username)).toEqual(
      expect.arrayContaining(['elio_flute', 'faye_mic', 'gus_banjo', 'hana_piano', 'ivo_tabla', 'juno_harp']),
    );
  });
});
