'use client';

import { useEffect, useState } from 'react';

type Mode = 'datetime' | 'date';

function format(iso: string, mode: Mode, timeZone?: string): string {
  return new Intl.DateTimeFormat('en', {
    dateStyle: 'medium',
    ...(mode === 'datetime' ? { timeStyle: 'short' } : {}),
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
}

/**
 * A timestamp shown in the viewer's own timezone. The server renders UTC (labelled), the browser then
 * replaces it with local time; the ISO value stays in dateTime and the title.
 */
export function LocalTime({ value, mode = 'datetime' }: { value: string | Date; mode?: Mode }) {
  const iso = typeof value === 'string' ? value : value.toISOString();
  const [text, setText] = useState(() => `${format(iso, mode, 'UTC')} UTC`);
  useEffect(() => setText(format(iso, mode)), [iso, mode]);
  return (
    <time dateTime={iso} title={iso} suppressHydrationWarning>
      {text}
    </time>
  );
}
