/** Display helpers for the call screens (browser-safe, no secrets). */

/** 75_000 → "1:15", 3_725_000 → "1:02:05". Negative values show as 0:00. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** A call's length in words: "0 s", "45 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number): string {
  // Whole seconds, floored like the billing rule counts them.
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${String(m).padStart(2, '0')} min`;
  if (m > 0) return `${m} min ${String(s).padStart(2, '0')} s`;
  return `${s} s`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${new Intl.NumberFormat('en-US').format(n)} ${n === 1 ? one : many}`;
}

export const KIND_LABEL = { video: 'Video call', voice: 'Voice call' } as const;
