'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';
import { NOTIFICATION_LABELS, type NotificationPreference } from '@/lib/notifications/types';

/** In-app / email switches per notification kind. */
export function PreferencesForm({ initial }: { initial: NotificationPreference[] }) {
  const [prefs, setPrefs] = useState(initial);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(prefs) !== JSON.stringify(initial);

  function toggle(kind: string, field: 'inApp' | 'email') {
    setPrefs((list) => list.map((p) => (p.kind === kind ? { ...p, [field]: !p[field] } : p)));
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setSaving(true);
    const r = await apiFetch<{ preferences: NotificationPreference[] }>('/api/notifications/preferences', {
      method: 'PUT',
      body: { preferences: prefs },
    });
    setSaving(false);
    if (!r.ok) {
      toast.error(r.error.message);
      return;
    }
    setPrefs(r.data.preferences);
    toast.success('Notification settings saved');
  }

  return (
    <form onSubmit={save} className="space-y-4">
      <table className="w-full text-sm">
        <caption className="sr-only">Notification preferences</caption>
        <thead>
          <tr className="border-b text-left text-muted-foreground">
            <th scope="col" className="py-2 font-medium">
              Notification
            </th>
            <th scope="col" className="w-20 py-2 text-center font-medium">
              In app
            </th>
            <th scope="col" className="w-20 py-2 text-center font-medium">
              Email
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {prefs.map((p) => {
            const label = NOTIFICATION_LABELS[p.kind];
            return (
              <tr key={p.kind}>
                <th scope="row" className="py-3 pr-2 text-left font-normal">
                  <span className="block font-medium">{label.title}</span>
                  <span className="block text-xs text-muted-foreground">{label.hint}</span>
                </th>
                <td className="text-center">
                  {p.kind === 'message' ? (
                    // New messages always show as the unread badge on Messages in the header.
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked
                      disabled
                      title="Always on: the unread badge on Messages"
                      aria-label={`${label.title}: in app (always on: the unread badge on Messages)`}
                    />
                  ) : (
                    <input
                      type="checkbox"
                      className="size-4 accent-primary"
                      checked={p.inApp}
                      onChange={() => toggle(p.kind, 'inApp')}
                      aria-label={`${label.title}: in app`}
                    />
                  )}
                </td>
                <td className="text-center">
                  <input
                    type="checkbox"
                    className="size-4 accent-primary"
                    checked={p.email}
                    onChange={() => toggle(p.kind, 'email')}
                    aria-label={`${label.title}: email`}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <Button type="submit" disabled={saving || !dirty}>
        {saving ? 'Saving…' : 'Save settings'}
      </Button>
    </form>
  );
}
