import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { listOutbox } from '@/lib/email/outbox';
import { env } from '@/lib/env';

export const metadata: Metadata = { title: 'Email outbox (local)' };
export const dynamic = 'force-dynamic';

/** Local mode only: emails the local adapter stored instead of sending. 404 when Postmark is in use. */
export default async function OutboxPage() {
  const e = env();
  if (e.production || e.services.email.mode !== 'local') notFound();
  const emails = await listOutbox();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Email outbox</h1>
        <p className="text-muted-foreground">
          Local mode: emails are stored here instead of being sent. Set POSTMARK_API_KEY and EMAIL_FROM to
          send them.
        </p>
      </div>
      {emails.length === 0 ? (
        <EmptyState
          title="No emails yet"
          description="Sign up with a new account to see the welcome email."
        />
      ) : (
        <ul className="space-y-4">
          {emails.map((m) => (
            <li key={m.id}>
              <Card>
                <CardHeader>
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <CardTitle as="h2" className="text-base">
                      {m.subject}
                    </CardTitle>
                    {m.tag ? <Badge variant="outline">{m.tag}</Badge> : null}
                  </div>
                  <CardDescription>
                    To {m.to_address} · <LocalTime value={m.created_at} />
                  </CardDescription>
                </CardHeader>
                <CardContent>
                  <pre className="whitespace-pre-wrap break-words font-sans text-sm">{m.text_body}</pre>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
