import type { Metadata } from 'next';
import Link from 'next/link';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listAudit } from '@/lib/admin/audit-log';
import { requireRole } from '@/lib/auth/viewer';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Audit log · Admin' };

const FILTERS = [
  { value: '', label: 'Everything' },
  { value: 'profile.', label: 'Roles and bans' },
  { value: 'creator_application.', label: 'Creator applications' },
  { value: 'moderation.', label: 'Moderation' },
  { value: 'discord.', label: 'Bot pause/resume' },
  { value: 'cache.', label: 'Cache flushes' },
  { value: 'ai.', label: 'AI budgets' },
] as const;

function describeChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(a)
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => `${k}: ${String(b[k] ?? '—')} → ${String(a[k])}`)
    .join(', ');
}

export default async function AdminAuditPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; action?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/audit');
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1);
  const action = FILTERS.find((f) => f.value === sp.action)?.value ?? '';
  const rows = await listAudit(viewer.claims, { page, action: action || undefined });
  const hrefFor = (p: number) =>
    `/admin/audit?${new URLSearchParams({ ...(action ? { action } : {}), page: String(p) })}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Audit log</h1>
        <p className="text-muted-foreground">
          Every admin action with who, why, and the value before and after. Append-only.
        </p>
      </div>
      <nav aria-label="Filter by kind" className="flex flex-wrap gap-2">
        {FILTERS.map((f) => (
          <Link
            key={f.value}
            href={f.value ? `/admin/audit?action=${encodeURIComponent(f.value)}` : '/admin/audit'}
            aria-current={f.value === action ? 'page' : undefined}
            className={cn(
              'rounded-full border px-3 py-1 text-sm',
              f.value === action ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-muted',
            )}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      {rows.items.length === 0 ? (
        <EmptyState title="No admin actions" description="Actions appear here as admins take them." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Admin</TableHead>
              <TableHead>Action</TableHead>
              <TableHead className="hidden sm:table-cell">User</TableHead>
              <TableHead className="hidden md:table-cell">Change</TableHead>
              <TableHead>Reason</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.items.map((a) => (
              <TableRow key={a.id} data-testid="audit-row">
                <TableCell className="whitespace-nowrap">
                  <LocalTime value={a.created_at} />
                </TableCell>
                <TableCell>{a.actor_username ? `@${a.actor_username}` : 'system'}</TableCell>
                <TableCell className="font-mono text-xs">{a.action}</TableCell>
                <TableCell className="hidden sm:table-cell">
                  {a.target_id && a.target_username ? (
                    <Link className="text-primary hover:underline" href={`/admin/users/${a.target_id}`}>
                      @{a.target_username}
                    </Link>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell className="hidden text-sm md:table-cell">
                  {describeChange(a.before, a.after)}
                </TableCell>
                <TableCell className="max-w-64 text-sm text-muted-foreground">{a.reason}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {rows.pageCount > 1 ? (
        <Pagination page={rows.page} pageCount={rows.pageCount} hrefFor={hrefFor} />
      ) : null}
    </div>
  );
}
