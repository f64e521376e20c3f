import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { UserActions } from '@/components/admin/user-actions';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { NativeSelect } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { findUsers } from '@/lib/admin/find-users';
import { ROLES, type Role } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Users · Admin' };

export default async function AdminUsersPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; q?: string; role?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/users');
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1);
  const q = (sp.q ?? '').slice(0, 100);
  const role = (ROLES as readonly string[]).includes(sp.role ?? '') ? (sp.role as Role) : undefined;
  const users = await findUsers(viewer.claims, { page, q, role });
  const filters = { ...(q ? { q } : {}), ...(role ? { role } : {}) };
  const hrefFor = (p: number) => `/admin/users?${new URLSearchParams({ ...filters, page: String(p) })}`;
  const csvHref = `/api/admin/users?${new URLSearchParams({ ...filters, format: 'csv' })}`;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Users</h1>
        <p className="text-muted-foreground">Search by email, username, display name or Discord id.</p>
      </div>
      <Card>
        <CardHeader className="gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div>
            <CardTitle as="h2">
              {users.total} {users.total === 1 ? 'user' : 'users'}
            </CardTitle>
            <CardDescription>{q || role ? 'Matching the filters' : 'Newest first'}</CardDescription>
          </div>
          <div className="flex flex-wrap items-end gap-2">
            <form className="flex flex-wrap items-end gap-2" action="/admin/users">
              <label className="sr-only" htmlFor="users-q">
                Search by email, username or Discord id
              </label>
              <Input
                id="users-q"
                name="q"
                defaultValue={q}
                placeholder="Email, username or Discord id"
                className="w-full sm:w-64"
                maxLength={100}
              />
              <label className="sr-only" htmlFor="users-role">
                Filter by role
              </label>
              <NativeSelect id="users-role" name="role" defaultValue={role ?? ''} wrapperClassName="w-36">
                <option value="">All roles</option>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </NativeSelect>
              <Button type="submit" variant="secondary">
                Search
              </Button>
            </form>
            <Button asChild variant="outline">
              <a href={csvHref} download>
                <Download aria-hidden /> Export CSV
              </a>
            </Button>
          </div>
        </CardHeader>
        <CardContent>
          {users.items.length === 0 ? (
            <EmptyState title="No users match" description="Try an email, a username or a Discord user id." />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>User</TableHead>
                  <TableHead className="hidden lg:table-cell">Email</TableHead>
                  <TableHead className="hidden md:table-cell">Discord</TableHead>
                  <TableHead className="hidden sm:table-cell">Role</TableHead>
                  <TableHead className="hidden sm:table-cell">Status</TableHead>
                  <TableHead className="hidden xl:table-cell">Joined</TableHead>
                  <TableHead className="text-right">Actions</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {users.items.map((u) => (
                  <TableRow key={u.id} data-testid={`user-row-${u.username}`}>
                    <TableCell>
                      <Link
                        href={`/admin/users/${u.id}`}
                        className="font-medium text-primary hover:underline"
                      >
                        {u.display_name}
                      </Link>
                      <div className="text-xs text-muted-foreground">@{u.username}</div>
                    </TableCell>
                    <TableCell className="hidden text-sm lg:table-cell">{u.email ?? '—'}</TableCell>
                    <TableCell className="hidden text-sm md:table-cell">
                      {u.discord_username ? (
                        <>
                          {u.discord_username}
                          <div className="font-mono text-xs text-muted-foreground">{u.discord_user_id}</div>
                        </>
                      ) : (
                        <span className="text-muted-foreground">Not linked</span>
                      )}
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      <Badge variant="secondary" className="capitalize">
                        {u.role}
                      </Badge>
                    </TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {u.is_banned ? (
                        <Badge variant="destructive">Banned</Badge>
                      ) : (
                        <Badge variant="success">Active</Badge>
                      )}
                    </TableCell>
                    <TableCell className="hidden xl:table-cell">
                      <LocalTime value={u.created_at} mode="date" />
                    </TableCell>
                    <TableCell className="text-right">
                      <UserActions user={u} isSelf={u.id === viewer.profile.id} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {users.pageCount > 1 ? (
            <div className="mt-4">
              <Pagination page={users.page} pageCount={users.pageCount} hrefFor={hrefFor} />
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
