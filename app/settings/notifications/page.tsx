import type { Metadata } from 'next';
import { PreferencesForm } from '@/components/notifications/preferences-form';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/auth/viewer';
import { getPreferences } from '@/lib/notifications/inbox';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notification settings' };

export default async function NotificationSettingsPage() {
  const viewer = await requireRole(['fan', 'creator', 'staff', 'admin'], '/settings/notifications');
  const prefs = await getPreferences(viewer.claims);
  return (
    <div className="mx-auto max-w-2xl space-y-6">
      <h1 className="text-2xl font-bold tracking-tight">Notification settings</h1>
      <Card>
        <CardHeader>
          <CardTitle as="h2">How we reach you</CardTitle>
          <CardDescription>
            In-app notifications appear under the bell in the header. Emails go to the address you signed up
            with.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <PreferencesForm initial={prefs} />
        </CardContent>
      </Card>
    </div>
  );
}
