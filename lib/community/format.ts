/** Display helpers for the dashboard (pure, shared by server and client components). */

export function formatScore(n: number): string {
  return Number.isInteger(n)
    ? n.toLocaleString('en-US')
    : n.toLocaleString('en-US', { maximumFractionDigits: 1 });
}

export function formatPct(n: number | null, newLabel = 'new'): string {
  if (n === null) return newLabel;
  return `${n > 0 ? '+' : ''}${n.toLocaleString('en-US', { maximumFractionDigits: 1 })}%`;
}

/** 95 → "1 min 35 s", 7260 → "2 h 1 min", 90000 → "1 d 1 h"; null → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}`;
  if (s < 86400)
    return `${Math.floor(s / 3600)} h${Math.floor((s % 3600) / 60) ? ` ${Math.floor((s % 3600) / 60)} min` : ''}`;
  return `${Math.floor(s / 86400)} d${Math.floor((s % 86400) / 3600) ? ` ${Math.floor((s % 86400) / 3600)} h` : ''}`;
}

/** "2026-03-09" → "Mon 9 Mar 2026" (a local day: formatted without any timezone shift). */
export function formatDay(day: string, withYear = true): string {
  const d = new Date(`${day}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    ...(withYear ? { year: 'numeric' } : {}),
  });
}

/** A moment shown in the guild's timezone, e.g. "9 Mar 2026, 14:05". */
export function formatInZone(at: Date | string, timezone: string): string {
  return new Date(at).toLocaleString('en-GB', {
    timeZone: timezone,
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export const TICKET_STATE_LABEL: Record<string, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
};
