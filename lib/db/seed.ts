import 'server-only';
import { createLocalUser } from '@/lib/auth/local-auth';
import type { Role } from '@/lib/auth/schemas';
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
  log(`[seed] created ${DEMO_USERS.length} demo users (password: ${DEMO_PASSWORD})`);
  return DEMO_USERS.length;
}

export async function seedIfEmpty(log: (l: string) => void = console.log): Promise<boolean> {
  if (!(await isDatabaseEmpty())) return false;
  await seedDemoData(log);
  return true;
}
