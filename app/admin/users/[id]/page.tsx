import { ArrowLeft } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { UserActions } from '@/components/admin/user-actions';
import { Avatar } from '@/components/ui/avatar';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { userDetail } from '@/lib/admin/find-users';
import { requireRole } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'User · Admin' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function describeChange(before: unknown, after: unknown): string {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  return Object.keys(a)
    .filter((k) => b[k] !== a[k])
    .map((k) => `${k}: ${String(b[k])} → ${String(a[k])}`)
    .join(', ');
}

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireRole(['admin'], '/admin/users');
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  const detail = await userDetail(viewer.claims, id);
  if (!detail) notFound();
  const { user: u, audit } = detail;
  const facts: [string, React.ReactNode][] = [
    ['Email', u.email ?? '—'],
    [
      'Role',
      <Badge key="r" variant="secondary" className="capitalize">
        {u.role}
      </Badge>,
    ],
    [
      'Status',
      u.is_banned ? (
        <Badge key="s" variant="destructive">
          Banned
        </Badge>
      ) : (
        <Badge key="s" variant="success">
          Active
        </Badge>
      ),
    ],
    ['Joined', <LocalTime key="j" value={u.created_at} />],
    ['Last sign-in', u.last_sign_in_at ? <LocalTime key="l" value={u.last_sign_in_at} /> : '—'],
    [
      'Wallet balance',
      `${u.wallet_balance.toLocaleString('en')} tokens${u.wallet_flagged ? ' (flagged: clawed back)' : ''}`,
    ],
    ['Creator earnings', `${u.earnings_balance.toLocaleString('en')} tokens`],
    [
      'Discord',
      u.discord_username ? (
        <span key="d">
          {u.discord_username}{' '}
          <span className="font-mono text-xs text-muted-foreground">({u.discord_user_id})</span>
        </span>
      ) : (
        'Not linked'
      ),
    ],
    ['Calls', `${u.calls_as_fan} as fan · ${u.calls_as_creator} as creator`],
    ['Reports about them', String(u.reports_against)],
  ];
  return (
    <div className="space-y-6">
      <Link
        href="/admin/users"
        className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden /> All users
      </Link>
      <Card>
        <CardHeader className="gap-4 sm:flex-row sm:items-center sm:justify-between">
          <div className="flex items-center gap-4">
            <Avatar name={u.display_name} src={u.avatar_url ?? undefined} size="lg" />
            <div>
              <CardTitle as="h1" className="text-2xl">
                {u.display_name}
              </CardTitle>
              <CardDescription>
                @{u.username} ·{' '}
                <Link className="text-primary hover:underline" href={`/creators/${u.username}`}>
                  public page
                </Link>
              </CardDescription>
            </div>
          </div>
          <UserActions user={u} isSelf={u.id === viewer.profile.id} />
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2" data-testid="user-facts">
            {facts.map(([k, v]) => (
              <div key={k} className="flex flex-col">
                <dt className="text-xs uppercase tracking-wide text-muted-foreground">{k}</dt>
                <dd className="text-sm">{v}</dd>
              </div>
            ))}
          </dl>
          {u.bio ? <p className="mt-4 whitespace-pre-wrap text-sm text-muted-foreground">{u.bio}</p> : null}
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Admin actions about this user</CardTitle>
        </CardHeader>
        <CardContent>
          {audit.length === 0 ? (
            <EmptyState
              title="No admin actions yet"
              description="Role changes, bans and decisions appear here."
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Action</TableHead>
                  <TableHead className="hidden md:table-cell">Change</TableHead>
                  <TableHead>Reason</TableHead>
                  <TableHead className="hidden sm:table-cell">Admin</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {audit.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell className="whitespace-nowrap">
                      <LocalTime value={a.created_at} />
                    </TableCell>
                    <TableCell className="font-mono text-xs">{a.action}</TableCell>
                    <TableCell className="hidden text-sm md:table-cell">
                      {describeChange(a.before, a.after)}
                    </TableCell>
                    <TableCell className="max-w-64 text-sm text-muted-foreground">{a.reason}</TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {a.actor_username ? `@${a.actor_username}` : '—'}
                    </TableCell>
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
