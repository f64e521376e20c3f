'use client';

import { useState } from 'react';
import type { AvailabilityWindow, CallSettings } from '@/lib/calls/settings';
import { AvailabilityEditor } from './availability-editor';
import { CallSettingsCard } from './call-settings-card';

/** Settings and the weekly editor share the saved settings: the editor labels its times with the saved zone. */
export function CallsStudio({
  initialSettings,
  initialWindows,
}: {
  initialSettings: CallSettings | null;
  initialWindows: AvailabilityWindow[];
}) {
  const [settings, setSettings] = useState(initialSettings);
  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <CallSettingsCard saved={settings} onSaved={setSettings} />
      <AvailabilityEditor
        initialWindows={initialWindows}
        timezone={settings?.timezone ?? null}
        settingsSaved={settings !== null}
      />
    </div>
  );
}
