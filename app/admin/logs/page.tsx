import type { Metadata } from 'next';
import { LogStream } from '@/components/admin/log-stream';
import { logSources } from '@/lib/admin/log-stream';
import { requireRole } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'Logs · Admin' };

export default async function AdminLogsPage() {
  const viewer = await requireRole(['admin'], '/admin/logs');
  const sources = await logSources(viewer.claims);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Log stream</h1>
        <p className="text-muted-foreground">
          The server log (app_logs), newest first. Every unexpected server error is here with its request id.
        </p>
      </div>
      <LogStream sources={sources} />
    </div>
  );
}
