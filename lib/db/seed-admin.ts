import 'server-only';
import { asService } from './tx';

/**
 * Demo data for the admin console, so a fresh local database shows every admin page with something in
 * it: a creator application waiting for review, a user report and a Discord /audit flag in the moderation
 * queue, and a few AI requests in the cost ledger. Runs after the demo users exist.
 */
export async function seedAdminDemo(log: (l: string) => void = console.log): Promise<void> {
  await asService(async (db) => {
    const ids = await db.query<{ username: string; id: string }>(
      `select username, id from public.profiles where username = any ($1::text[])`,
      [['eli_fan', 'chris_fan', 'mira_draws', 'ada_admin']],
    );
    const id = (u: string) => ids.rows.find((r) => r.username === u)?.id;
    const eli = id('eli_fan');
    const chris = id('chris_fan');
    const mira = id('mira_draws');
    if (!eli || !chris || !mira) return;

    await db.query(
      `insert into public.creator_applications (applicant_id, pitch, links)
       values ($1, $2, $3)`,
      [
        eli,
        'I run a small community of 2,000 watercolour painters and teach live every Sunday. I would like to offer paid 1:1 critique calls.',
        ['https://example.com/eli-paints', 'https://video.example.com/@eli'],
      ],
    );
    await db.query(
      `insert into public.user_reports (reporter_id, target_id, category, details)
       values ($1, $2, 'spam', 'Keeps sending the same referral link in every tip message.')`,
      [chris, mira],
    );

    const guild = '1200000000000000099';
    await db.query(
      `insert into discord.guild_settings (guild_id, ai_monthly_budget_usd, ai_hard_limit_usd)
       values ($1, 5, 10) on conflict (guild_id) do nothing`,
      [guild],
    );
    // A few /audit requests over the last days, priced from discord.ai_pricing like real ones.
    await db.query(
      `insert into discord.ai_usage (guild_id, invoker_id, interaction_id, command, model, provider, status,
                                     input_tokens, output_tokens, input_usd_per_mtok, output_usd_per_mtok,
                                     cache_read_usd_per_mtok, cache_write_usd_per_mtok, cost_usd, items, created_at, settled_at)
       select $1, '1300000000000000001', 'seed-audit-' || g, 'audit', p.model, p.provider, 'completed',
              1800 + g * 40, 220 + g * 5, p.input_usd_per_mtok, p.output_usd_per_mtok,
              p.cache_read_usd_per_mtok, p.cache_write_usd_per_mtok,
              ((1800 + g * 40) * p.input_usd_per_mtok + (220 + g * 5) * p.output_usd_per_mtok) / 1000000, 20,
              now() - make_interval(days => g % 6, hours => g), now() - make_interval(days => g % 6, hours => g)
         from generate_series(1, 12) g
         join discord.ai_pricing p on p.model = case when g % 4 = 0 then 'claude-sonnet-4-5' else 'claude-haiku-4-5' end`,
      [guild],
    );
    await db.query(
      `insert into discord.moderation_queue (guild_id, channel_id, message_id, author_id, content, categories,
                                              max_severity, reason, classifier, reported_by, interaction_id, usage_id)
       values ($1, '1400000000000000001', '1500000000000000001', '1300000000000000042',
               'Free tokens!!! click my link to claim them before they run out',
               '{"spam": "high", "toxicity": "none", "harassment": "none"}', 'high',
               'Unsolicited promotion with a suspicious link', 'claude-haiku-4-5', 'mod_jo', 'seed-audit-1',
               (select id from discord.ai_usage where interaction_id = 'seed-audit-1'))`,
      [guild],
    );
    await db.query(
      `insert into discord.members (guild_id, user_id, username) values ($1, '1300000000000000042', 'promo_bot_99')
       on conflict do nothing`,
      [guild],
    );
  });
  log('[seed] admin console demo: 1 creator application, 1 report, 1 flagged message, 12 AI requests');
}
