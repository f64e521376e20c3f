import path from 'node:path';

/** Demo accounts seeded by lib/db/seed.ts on every fresh e2e database. */
export const DEMO_PASSWORD = 'communityos-demo';

export interface DemoAccount {
  email: string;
  username: string;
  displayName: string;
}

export const users = {
  admin: { email: 'admin@demo.communityos.dev', username: 'ada_admin', displayName: 'Ada Admin' },
  staff: { email: 'staff@demo.communityos.dev', username: 'sam_staff', displayName: 'Sam Staff' },
  creator: { email: 'luna@demo.communityos.dev', username: 'luna_vega', displayName: 'Luna Vega' },
  /** The fan whose saved session the access, API and screenshot specs use. Nothing changes its role. */
  fan: { email: 'fan1@demo.communityos.dev', username: 'alex_fan', displayName: 'Alex Park' },
  /** Promoted to creator by admin.spec.ts. */
  promotedFan: { email: 'fan2@demo.communityos.dev', username: 'bea_fan', displayName: 'Bea Santos' },
  /** Banned and unbanned again by admin.spec.ts. */
  bannedFan: { email: 'fan6@demo.communityos.dev', username: 'fay_fan', displayName: 'Fay Laurent' },
} as const satisfies Record<string, DemoAccount>;

export type SavedRole = 'admin' | 'staff' | 'creator' | 'fan';

/** storageState files written by auth.setup.ts (gitignored). */
export function authFile(role: SavedRole): string {
  return path.join(import.meta.dirname, '..', '.auth', `${role}.json`);
}

/** A value unique to this run, for emails and usernames (usernames allow [a-z0-9_], 3–30 chars). */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296)
    .toString(36)
    .padStart(2, '0')}`;
}
