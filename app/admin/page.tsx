import { BookOpen } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { PanicControls } from '@/components/admin/panic-controls';
import { SignupsChart } from '@/components/admin/signups-chart';
import { UserFilters, UserList } from '@/components/admin/user-list';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { findUsers } from '@/lib/admin/find-users';
import { adminOverview } from '@/lib/admin/overview';
import { flushTargets } from '@/lib/admin/panic';
import { ROLES, type Role } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { botState } from '@/lib/discord/bot-state';

export const metadata: Metadata = { title: 'Admin' };

function describeChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(a)
    .map((k) => `${k}: ${String(b[k])} → ${String(a[k])}`)
    .join(', ');
}

export default async function AdminPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; q?: string; role?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin');
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1);
  const q = (sp.q ?? '').slice(0, 60);
  const role = (ROLES as readonly string[]).includes(sp.role ?? '') ? (sp.role as Role) : undefined;
  const [overview, users, bot] = await Promise.all([
    adminOverview(viewer.claims),
    findUsers(viewer.claims, { page, q, role }),
    botState(),
  ]);
  const filters = { ...(q ? { q } : {}), ...(role ? { role } : {}) };
  const hrefFor = (p: number) => `/admin?${new URLSearchParams({ ...filters, page: String(p) })}#users`;
  const csvHref = `/api/admin/users?${new URLSearchParams({ ...filters, format: 'csv' })}`;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Admin</h1>
          <p className="text-muted-foreground">Users, recent admin actions and server errors.</p>
        </div>
        <Button asChild variant="outline">
          <Link href="/admin/ledger">
            <BookOpen aria-hidden /> Ledger
          </Link>
        </Button>
      </div>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Panic button</CardTitle>
          <CardDescription>
            Pause the Discord bot or flush caches. Service status is on the{' '}
            <Link className="text-primary underline-offset-4 hover:underline" href="/admin/health">
              Health
            </Link>{' '}
            page.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PanicControls
            bot={{ paused: bot.paused, reason: bot.reason, changedAt: bot.changed_at.toISOString() }}
            flushTargets={flushTargets()}
          />
        </CardContent>
      </Card>

      <section aria-labelledby="by-role" className="space-y-3">
        <h2 id="by-role" className="sr-only">
          Users by role
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {overview.byRole.map((r) => (
            <Card key={r.role}>
              <CardHeader>
                <CardDescription className="capitalize">
                  {r.role === 'staff' ? 'Staff' : `${r.role}s`}
                </CardDescription>
                <CardTitle as="div" className="text-3xl" data-testid={`role-count-${r.role}`}>
                  {r.count}
                </CardTitle>
                {r.banned ? <p className="text-xs text-destructive">{r.banned} banned</p> : null}
              </CardHeader>
            </Card>
          ))}
        </div>
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Sign-ups per day</CardTitle>
          </CardHeader>
          <CardContent>
            <SignupsChart data={overview.signupsPerDay} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Latest errors</CardTitle>
            <CardDescription>From the server log (app_logs)</CardDescription>
          </CardHeader>
          <CardContent>
            {overview.errors.length === 0 ? (
              <EmptyState
                title="No errors logged"
                description="Server errors appear here with their request id."
              />
            ) : (
              <ul className="divide-y divide-border text-sm">
                {overview.errors.map((e) => (
                  <li key={e.id} className="space-y-1 py-2">
                    <div className="flex items-center justify-between gap-2">
                      <span className="truncate font-medium">{e.source}</span>
                      <span className="shrink-0 text-xs text-muted-foreground">
                        <LocalTime value={e.created_at} />
                      </span>
                    </div>
                    <p className="break-words text-muted-foreground">{e.message}</p>
                    {e.request_id ? (
                      <p className="font-mono text-xs text-muted-foreground">request {e.request_id}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>

      <Card id="users">
        <CardHeader className="gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle as="h2">Users</CardTitle>
            <CardDescription>
              {users.total} {users.total === 1 ? 'user' : 'users'}
              {q || role ? ' matching the filters' : ''}
            </CardDescription>
          </div>
          <UserFilters
            action="/admin#users"
            idPrefix="user"
            q={q}
            role={role}
            label="Search users"
            placeholder="Search users"
            inputClassName="w-full sm:w-52"
            submitLabel="Filter"
            csvHref={csvHref}
          />
        </CardHeader>
        <CardContent>
          <UserList
            users={users}
            viewerId={viewer.profile.id}
            hrefFor={hrefFor}
            emptyHint="Clear the search or choose another role."
          />
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle as="h2">Latest admin actions</CardTitle>
          <CardDescription>Every role change and ban, with its reason</CardDescription>
        </CardHeader>
        <CardContent>
          {overview.audit.length === 0 ? (
            <EmptyState title="No admin actions yet" description="Role changes and bans are recorded here." />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead className="hidden md:table-cell">Admin</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead>User</TableHead>
                  <TableHead className="hidden md:table-cell">Change</TableHead>
                  <TableHead>Reason</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.audit.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell className="whitespace-nowrap">
                      <LocalTime value={a.created_at} />
                    </TableCell>
                    <TableCell className="hidden md:table-cell">
                      {a.actor_username ? `@${a.actor_username}` : '—'}
                    </TableCell>
                    <TableCell className="font-mono text-xs">{a.action}</TableCell>
                    <TableCell>{a.target_username ? `@${a.target_username}` : '—'}</TableCell>
                    <TableCell className="hidden text-sm md:table-cell">
                      {describeChange(a.before, a.after)}
                    </TableCell>
                    <TableCell className="max-w-64 text-sm text-muted-foreground">{a.reason}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
