import type { Metadata } from 'next';
import { UserFilters, UserList } from '@/components/admin/user-list';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
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
          <UserFilters
            action="/admin/users"
            idPrefix="users"
            q={q}
            role={role}
            label="Search by email, username or Discord id"
            placeholder="Email, username or Discord id"
            inputClassName="w-full sm:w-64"
            maxLength={100}
            submitLabel="Search"
            csvHref={csvHref}
          />
        </CardHeader>
        <CardContent>
          <UserList
            users={users}
            viewerId={viewer.profile.id}
            hrefFor={hrefFor}
            emptyHint="Try an email, a username or a Discord user id."
            detailed
          />
        </CardContent>
      </Card>
    </div>
  );
}
