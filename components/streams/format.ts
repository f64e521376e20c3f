import { STREAM_CATEGORIES, type StreamCategory } from '@/lib/streams/schemas';

export const categoryLabel = (c: StreamCategory): string => STREAM_CATEGORIES[c] ?? c;

/** 3725 → "1 h 2 min", 65 → "1 min 5 s". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min${r ? ` ${r} s` : ''}`;
  return `${r} s`;
}

export const viewersLabel = (n: number): string => `${n} ${n === 1 ? 'viewer' : 'viewers'}`;
