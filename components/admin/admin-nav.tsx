'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/lib/utils/cn';

export const ADMIN_SECTIONS = [
  { href: '/admin', label: 'Overview' },
  { href: '/admin/health', label: 'Health' },
  { href: '/admin/logs', label: 'Logs' },
  { href: '/admin/users', label: 'Users' },
  { href: '/admin/applications', label: 'Applications' },
  { href: '/admin/payouts', label: 'Payouts' },
  { href: '/admin/moderation', label: 'Moderation' },
  { href: '/admin/metrics', label: 'Metrics' },
  { href: '/admin/ai-costs', label: 'AI costs' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/ledger', label: 'Ledger' },
] as const;

/** The admin sub-navigation: one row of tabs that scrolls sideways on small screens. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin sections" className="-mx-4 overflow-x-auto border-b border-border px-4">
      <ul className="flex min-w-max gap-1">
        {ADMIN_SECTIONS.map((s) => {
          const active = s.href === '/admin' ? pathname === '/admin' : pathname.startsWith(s.href);
          return (
            <li key={s.href}>
              <Link
                href={s.href}
                aria-current={active ? 'page' : undefined}
                className={cn(
                  'inline-flex h-10 items-center border-b-2 px-3 text-sm font-medium transition-colors',
                  active
                    ? 'border-primary text-foreground'
                    : 'border-transparent text-muted-foreground hover:text-foreground',
                )}
              >
                {s.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
