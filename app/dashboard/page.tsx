import type { Metadata } from 'next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { newestMembers } from '@/lib/community/newest-members';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireRole(['staff', 'creator', 'admin'], '/dashboard');
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? '1', 10) || 1);
  const members = await newestMembers(viewer.claims, { page });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Dashboard</h1>
        <p className="text-muted-foreground">Who joined the platform, newest first.</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {[
          ['Members', members.total],
          ['Joined in the last 7 days', members.joinedLast7Days],
          ['Joined in the last 30 days', members.joinedLast30Days],
        ].map(([label, value]) => (
          <Card key={label}>
            <CardHeader>
              <CardDescription>{label}</CardDescription>
              <CardTitle as="div" className="text-3xl">
                {value}
              </CardTitle>
            </CardHeader>
          </Card>
        ))}
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Newest members</CardTitle>
        </CardHeader>
        <CardContent>
          {members.items.length === 0 ? (
            <EmptyState title="No members yet" />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Member</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Joined</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {members.items.map((m) => (
                  <TableRow key={m.id}>
                    <TableCell>
                      <div className="font-medium">{m.display_name}</div>
                      <div className="text-xs text-muted-foreground">@{m.username}</div>
                    </TableCell>
                    <TableCell>
                      <Badge variant="secondary" className="capitalize">
                        {m.role}
                      </Badge>
                    </TableCell>
                    <TableCell>
                      <LocalTime value={m.created_at} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {members.pageCount > 1 ? (
            <div className="mt-4">
              <Pagination
                page={members.page}
                pageCount={members.pageCount}
                hrefFor={(p) => `/dashboard?page=${p}`}
              />
            </div>
          ) : null}
        </CardContent>
      </Card>
    </div>
  );
}
