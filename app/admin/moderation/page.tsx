import type { Metadata } from 'next';
import Link from 'next/link';
import { DecisionButtons } from '@/components/admin/decision-dialog';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { listModerationItems } from '@/lib/admin/moderation';
import { requireRole } from '@/lib/auth/viewer';
import { REPORT_CATEGORY_LABELS } from '@/lib/reports/schemas';
import { cn } from '@/lib/utils/cn';

export const metadata: Metadata = { title: 'Moderation · Admin' };

const TABS = [
  { value: 'pending', label: 'Waiting' },
  { value: 'decided', label: 'Decided' },
  { value: 'all', label: 'All' },
] as const;

export default async function AdminModerationPage({
  searchParams,
}: {
  searchParams: Promise<{ status?: string }>;
}) {
  const viewer = await requireRole(['admin'], '/admin/moderation');
  const sp = await searchParams;
  const status = TABS.find((t) => t.value === sp.status)?.value ?? 'pending';
  const items = await listModerationItems(viewer.claims, status);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Moderation queue</h1>
        <p className="text-muted-foreground">
          Messages flagged by /audit in Discord and reports from users. Nothing is acted on automatically:
          every dismissal, warning (emailed) and ban is your decision, recorded with your reason.
        </p>
      </div>
      <nav aria-label="Queue status" className="flex flex-wrap gap-2">
        {TABS.map((t) => (
          <Link
            key={t.value}
            href={`/admin/moderation?status=${t.value}`}
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
          title={status === 'pending' ? 'The queue is empty' : 'Nothing here yet'}
          description="Flags from /audit and reports from users land here."
        />
      ) : (
        <ul className="space-y-4">
          {items.map((m) => {
            const subject = m.subject_username ? `@${m.subject_username}` : m.subject_label;
            const linked = Boolean(m.subject_profile_id);
            const category =
              m.source === 'report'
                ? (REPORT_CATEGORY_LABELS[m.category as keyof typeof REPORT_CATEGORY_LABELS] ?? m.category)
                : m.category || 'flagged';
            return (
              <li key={`${m.source}-${m.id}`}>
                <Card data-testid={`moderation-${m.source}-${m.id}`}>
                  <CardHeader className="gap-3 sm:flex-row sm:items-start sm:justify-between">
                    <div className="space-y-1">
                      <div className="flex flex-wrap items-center gap-2">
                        <Badge variant="outline">
                          {m.source === 'report' ? 'User report' : 'Discord /audit'}
                        </Badge>
                        {m.severity ? (
                          <Badge
                            variant={
                              m.severity === 'high'
                                ? 'destructive'
                                : m.severity === 'medium'
                                  ? 'warning'
                                  : 'secondary'
                            }
                          >
                            {m.severity}
                          </Badge>
                        ) : null}
                        <span className="text-sm font-medium">{category}</span>
                      </div>
                      <CardTitle as="h2" className="text-base">
                        {linked ? (
                          <Link href={`/admin/users/${m.subject_profile_id}`} className="hover:underline">
                            {subject}
                          </Link>
                        ) : (
                          subject
                        )}
                        {m.source === 'discord' && !linked ? (
                          <span className="ml-2 text-xs font-normal text-muted-foreground">
                            (Discord account not linked)
                          </span>
                        ) : null}
                      </CardTitle>
                      <CardDescription>
                        {m.source === 'report'
                          ? `Reported by ${m.reporter_label}`
                          : `Flagged by ${m.reporter_label} in guild ${m.guild_id}`}{' '}
                        · <LocalTime value={m.created_at} />
                      </CardDescription>
                    </div>
                    {m.status === 'pending' ? (
                      <DecisionButtons
                        url={`/api/admin/moderation/${m.id}/decision`}
                        field="decision"
                        extra={{ source: m.source }}
                        subject={subject}
                        options={[
                          {
                            value: 'dismiss',
                            label: 'Dismiss',
                            description: 'No action against the user; the item leaves the queue.',
                            done: 'Dismissed',
                          },
                          ...(linked
                            ? [
                                {
                                  value: 'warn',
                                  label: 'Warn',
                                  description: 'The user gets a warning email with your reason.',
                                  done: `${subject} warned`,
                                },
                                {
                                  value: 'ban',
                                  label: 'Ban',
                                  variant: 'destructive' as const,
                                  description:
                                    'Their sessions end at once and they cannot sign in, exactly like a ban from Users.',
                                  done: `${subject} banned`,
                                },
                              ]
                            : []),
                        ]}
                      />
                    ) : (
                      <Badge
                        variant={
                          m.status === 'ban' ? 'destructive' : m.status === 'warn' ? 'warning' : 'secondary'
                        }
                        className="capitalize"
                      >
                        {m.status === 'dismiss' || m.status === 'dismissed'
                          ? 'Dismissed'
                          : m.status === 'warn'
                            ? 'Warned'
                            : m.status === 'ban'
                              ? 'Banned'
                              : m.status}
                      </Badge>
                    )}
                  </CardHeader>
                  <CardContent className="space-y-2">
                    {m.content ? (
                      <blockquote className="border-l-2 pl-3 text-sm whitespace-pre-wrap">
                        {m.content}
                      </blockquote>
                    ) : null}
                    {m.detail ? (
                      <p className="text-sm text-muted-foreground">Classifier: {m.detail}</p>
                    ) : null}
                    {m.status !== 'pending' ? (
                      <p className="text-sm text-muted-foreground">
                        Decided by {m.decided_by_username ? `@${m.decided_by_username}` : 'an admin'}
                        {m.decided_at ? (
                          <>
                            {' '}
                            on <LocalTime value={m.decided_at} />
                          </>
                        ) : null}
                        : {m.decision_reason}
                      </p>
                    ) : null}
                  </CardContent>
                </Card>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
