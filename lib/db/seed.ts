import 'server-only';
import { createLocalUser } from '@/lib/auth/local-auth';
import type { Role } from '@/lib/auth/schemas';
import { seedDashboard } from './seed-dashboard';
import { seedMessages } from './seed-messages';
import { seedStreams } from './seed-streams';
import { asService } from './tx';

/**
 * Local demo data, created through the local auth adapter (so passwords, sessions and the profile
 * trigger work exactly as for a real sign-up). Runs only when there are no profiles yet.
 */
export const DEMO_PASSWORD = 'communityos-demo';

export interface DemoUser {
  email: string;
  username: string;
  displayName: string;
  role: Role;
  bio: string;
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    email: 'admin@demo.communityos.dev',
    username: 'ada_admin',
    displayName: 'Ada Admin',
    role: 'admin',
    bio: 'Runs the platform.',
  },
  {
    email: 'staff@demo.communityos.dev',
    username: 'sam_staff',
    displayName: 'Sam Staff',
    role: 'staff',
    bio: 'Creator manager and support lead.',
  },
  {
    email: 'luna@demo.communityos.dev',
    username: 'luna_vega',
    displayName: 'Luna Vega',
    role: 'creator',
    bio: 'Singer-songwriter. Acoustic sessions every Friday, vocal coaching on request.',
  },
  {
    email: 'kai@demo.communityos.dev',
    username: 'kai_rivers',
    displayName: 'Kai Rivers',
    role: 'creator',
    bio: 'Strength coach. Training plans, form checks and live workouts.',
  },
  {
    email: 'mira@demo.communityos.dev',
    username: 'mira_draws',
    displayName: 'Mira Chen',
    role: 'creator',
    bio: 'Illustrator and comic artist. Process streams and portfolio reviews.',
  },
  {
    email: 'fan1@demo.communityos.dev',
    username: 'alex_fan',
    displayName: 'Alex Park',
    role: 'fan',
    bio: 'Here for the Friday sessions.',
  },
  {
    email: 'fan2@demo.communityos.dev',
    username: 'bea_fan',
    displayName: 'Bea Santos',
    role: 'fan',
    bio: '',
  },
  {
    email: 'fan3@demo.communityos.dev',
    username: 'chris_fan',
    displayName: 'Chris Okafor',
    role: 'fan',
    bio: 'Lifting, drawing, repeat.',
  },
  { email: 'fan4@demo.communityos.dev', username: 'dana_fan', displayName: 'Dana Kim', role: 'fan', bio: '' },
  {
    email: 'fan5@demo.communityos.dev',
    username: 'eli_fan',
    displayName: 'Eli Novak',
    role: 'fan',
    bio: 'Guitar beginner.',
  },
  {
    email: 'fan6@demo.communityos.dev',
    username: 'fay_fan',
    displayName: 'Fay Laurent',
    role: 'fan',
    bio: '',
  },
];

export async function isDatabaseEmpty(): Promise<boolean> {
  const r = await asService((db) => db.query('select 1 from public.profiles limit 1'));
  return r.rowCount === 0;
}

export async function seedDemoData(log: (l: string) => void = console.log): Promise<number> {
  for (const u of DEMO_USERS) {
    const id = await createLocalUser({
      email: u.email,
      password: DEMO_PASSWORD,
      username: u.username,
      displayName: u.displayName,
    });
    // Seeding is the one place a role is set without an admin caller (there is no admin yet).
    await asService((db) =>
      db.query('update public.profiles set role = $2, bio = $3 where id = $1', [id, u.role, u.bio]),
    );
  }
  await seedCallSettings();
  await seedDashboard(log);
  await (await import('./seed-admin')).seedAdminDemo(log);
  await seedMessages();
  await seedStreams(log);
  await (await import('./seed-subscriptions')).seedSubscriptions();
  log(`[seed] created ${DEMO_USERS.length} demo users (password: ${DEMO_PASSWORD})`);
  return DEMO_USERS.length;
}

/** Two creators take paid calls: Luna is available now; Kai only by booking. */
const DEMO_CALLS = [
  {
    username: 'luna_vega',
    videoRate: 20,
    voiceRate: 10,
    availableNow: true,
    timezone: 'Europe/Paris',
    windows: [1, 2, 3, 4, 5].flatMap((d) => [
      { weekday: d, start: '10:00', end: '12:00' },
      { weekday: d, start: '18:00', end: '20:00' },
    ]),
  },
  {
    username: 'kai_rivers',
    videoRate: 15,
    voiceRate: null,
    availableNow: false,
    timezone: 'America/New_York',
    windows: [1, 3, 5, 6].map((d) => ({ weekday: d, start: '07:00', end: '09:00' })),
  },
];

async function seedCallSettings(): Promise<void> {
  for (const c of DEMO_CALLS) {
    await asService(async (db) => {
      const r = await db.query<{ id: string }>('select id from public.profiles where username = $1', [
        c.username,
      ]);
      const id = r.rows[0]?.id;
      if (!id) return;
      await db.query(
        `insert into public.call_settings (creator_id, video_rate, voice_rate, available_now, timezone)
         values ($1, $2, $3, $4, $5) on conflict (creator_id) do nothing`,
        [id, c.videoRate, c.voiceRate, c.availableNow, c.timezone],
      );
      await db.query(
        `insert into public.availability_slots (creator_id, weekday, start_time, end_time)
         select $1, (w ->> 'weekday')::smallint, (w ->> 'start')::time, (w ->> 'end')::time
           from jsonb_array_elements($2::jsonb) w`,
        [id, JSON.stringify(c.windows)],
      );
    });
  }
}

export async function seedIfEmpty(log: (l: string) => void = console.log): Promise<boolean> {
  if (!(await isDatabaseEmpty())) return false;
  await seedDemoData(log);
  return true;
}
