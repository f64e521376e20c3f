import type { Metadata } from 'next';
import Link from 'next/link';
import { DecisionButtons } from '@/components/admin/decision-dialog';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { type ApplicationStatus, listApplications } from '@/lib/admin/creator-applications';
import { requireRole } from '@/lib/auth/viewer';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Creator applications · Admin' };

const TABS = [
  { value: 'pending', label: 'Waiting' },
  { value: 'approved', label: 'Approved' },
  { value: 'rejected', label: 'Rejected' },
  { value: 'all', label: 'All' },
] as const;

export default async function AdminApplicationsPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/applications');
  const sp = await searchParams;
  const status = (TABS.find((t) => t.value === sp.status)?.value ?? 'pending') as ApplicationStatus | 'all';
  const items = await listApplications(viewer.claims, status);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Creator applications</h1>
        <p className="text-muted-foreground">
          Fans apply on their profile. Approving makes them a creator; either way they are emailed your
          reason.
        </p>
      </div>
      <nav aria-label="Application status" className="flex flex-wrap gap-2">
        {TABS.map((t) => (
          <Link
            key={t.value}
            href={`/admin/applications?status=${t.value}`}
            aria-current={t.value === status ? 'page' : undefined}
            className={cn(
              'rounded-full border px-3 py-1 text-sm',
              t.value === status ? 'border-primary bg-primary text-primary-foreground' : 'hover:bg-muted',
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState
          title={status === 'pending' ? 'No applications waiting' : 'No applications here'}
          description="New applications from fans appear here."
        />
      ) : (
        <ul className="space-y-4">
          {items.map((a) => (
            <li key={a.id}>
              <Card data-testid={`application-${a.username}`}>
                <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
                  <div>
                    <CardTitle as="h2" className="text-base">
                      <Link href={`/admin/users/${a.applicant_id}`} className="hover:underline">
                        {a.display_name}
                      </Link>{' '}
                      <span className="font-normal text-muted-foreground">@{a.username}</span>
                    </CardTitle>
                    <CardDescription>
                      Applied <LocalTime value={a.created_at} /> · now {a.role}
                    </CardDescription>
                  </div>
                  {a.status === 'pending' ? (
                    <DecisionButtons
                      url={`/api/admin/applications/${a.id}/decision`}
                      field="decision"
                      subject={`@${a.username}`}
                      options={[
                        {
                          value: 'approve',
                          label: 'Approve',
                          variant: 'default',
                          description: 'They become a creator now and get an email with your note.',
                          done: `@${a.username} is now a creator`,
                        },
                        {
                          value: 'reject',
                          label: 'Reject',
                          variant: 'outline',
                          description:
                            'They stay a fan and get an email with your reason. They can apply again.',
                          done: `Application of @${a.username} rejected`,
                        },
                      ]}
                    />
                  ) : (
                    <Badge variant={a.status === 'approved' ? 'success' : 'secondary'} className="capitalize">
                      {a.status}
                    </Badge>
                  )}
                </CardHeader>
                <CardContent className="space-y-3">
                  <p className="whitespace-pre-wrap text-sm">{a.pitch}</p>
                  {a.links.length ? (
                    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                      {a.links.map((l) => (
                        <li key={l}>
                          <a
                            href={l}
                            className="text-primary hover:underline"
                            rel="noopener noreferrer nofollow"
                            target="_blank"
                          >
                            {l}
                          </a>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {a.status !== 'pending' ? (
                    <p className="text-sm text-muted-foreground">
                      {a.status === 'approved' ? 'Approved' : 'Rejected'} by{' '}
                      {a.decided_by_username ? `@${a.decided_by_username}` : 'an admin'}
                      {a.decided_at ? (
                        <>
                          {' '}
                          on <LocalTime value={a.decided_at} />
                        </>
                      ) : null}
                      : {a.decision_reason}
                    </p>
                  ) : null}
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
