/** Short relative/absolute times for message lists, in the viewer's own timezone. */
export function shortTime(iso: string, now = Date.now()): string {
  const d = new Date(iso);
  const sameDay = new Date(now).toDateString() === d.toDateString();
  if (sameDay) return new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(d);
  const days = (now - d.getTime()) / 86_400_000;
  if (days < 6) return new Intl.DateTimeFormat('en', { weekday: 'short' }).format(d);
  return new Intl.DateTimeFormat('en', { month: 'short', day: 'numeric' }).format(d);
}

export function fullTime(iso: string): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
