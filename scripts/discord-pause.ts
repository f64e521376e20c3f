/**
 * npm run discord:pause -- on "reason"   pauses the Discord bot (every interaction gets the paused message)
 * npm run discord:pause -- off "reason"  resumes it
 * npm run discord:pause                  shows the current state
 * Runs as the service role against DATABASE_URL (or the local embedded database); audited.
 */
import { closePool } from '@/lib/db/pool';
import { botState, setBotPaused } from '@/lib/discord/bot-state';

async function main() {
  const [mode, ...rest] = process.argv.slice(2);
  if (mode === 'on' || mode === 'off') {
    const reason = rest.join(' ').trim();
    if (reason.length < 3) throw new Error('Give a reason of at least 3 characters');
    await setBotPaused(mode === 'on', reason);
  } else if (mode !== undefined) {
    throw new Error('Usage: npm run discord:pause -- [on|off] "reason"');
  }
  const s = await botState();
  console.log(
    `Discord bot is ${s.paused ? 'PAUSED' : 'running'} (changed ${s.changed_at.toISOString()} by ${s.changed_by ?? '-'}${s.reason ? `: ${s.reason}` : ''})`,
  );
}

main()
  .then(() => closePool())
  .then(
    () => process.exit(0),
    (err: Error) => {
      console.error(err.message);
      process.exit(1);
    },
  );
