'use client';

import { useEffect, useState } from 'react';

function format(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    timeStyle: 'medium',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

function zoneName(iso: string, timeZone?: string): string {
  const parts = new Intl.DateTimeFormat('en', {
    timeZoneName: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(new Date(iso));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * A timestamp with seconds and the zone it is shown in ("Nov 23, 2026, 2:05:09 PM GMT+1"): statements need
 * both. Rendered in UTC on the server, then in the viewer's zone once the browser takes over.
 */
export function ZonedTime({ value }: { value: string }) {
  const [text, setText] = useState(() => `${format(value, 'UTC')} UTC`);
  useEffect(() => setText(`${format(value)} ${zoneName(value)}`), [value]);
  return (
    <time dateTime={value} title={value} suppressHydrationWarning>
      {text}
    </time>
  );
}
