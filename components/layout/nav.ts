import { ROLES, type Role } from '@/lib/auth/schemas';

export interface NavItem {
  href: string;
  label: string;
  roles?: readonly Role[];
}

/** Role-aware navigation: the same roles the layouts enforce on the server. */
export const NAV: readonly NavItem[] = [
  { href: '/creators', label: 'Creators' },
  { href: '/wallet', label: 'Wallet', roles: ROLES },
  { href: '/subscriptions', label: 'Subscriptions', roles: ROLES },
  { href: '/orders', label: 'Orders', roles: ROLES },
  { href: '/calls', label: 'Calls', roles: ROLES },
  { href: '/creator', label: 'Creator studio', roles: ['creator', 'admin'] },
  { href: '/dashboard', label: 'Dashboard', roles: ['staff', 'creator', 'admin'] },
  { href: '/admin', label: 'Admin', roles: ['admin'] },
];

export function navFor(role: Role | null): NavItem[] {
  return NAV.filter((i) => !i.roles || (role !== null && i.roles.includes(role)));
}
