/** The dashboard's state lives in its query string, so every view is a shareable, reloadable link. */
export interface DashParams {
  guild: string;
  from: string;
  to: string;
  order?: 'absolute' | 'percent';
  rp?: number;
  cp?: number;
  sp?: number;
  tp?: number;
  tstate?: string;
  campaign?: number;
  ticket?: number;
}

export function dashHref(p: DashParams, change: Partial<DashParams> = {}, hash?: string): string {
  const merged = { ...p, ...change };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === null || v === '' || (typeof v === 'number' && k.endsWith('p') && v <= 1))
      continue;
    q.set(k, String(v));
  }
  return `/dashboard?${q.toString()}${hash ? `#${hash}` : ''}`;
}

/** The CSV export URL of a list, with the filters the page shows. */
export function exportHref(
  guildId: string,
  list: string,
  params: Record<string, string | undefined>,
): string {
  const q = new URLSearchParams({ format: 'csv' });
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  return `/api/dashboard/guilds/${guildId}/${list}?${q.toString()}`;
}
