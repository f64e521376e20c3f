'use client';

import { useSyncExternalStore } from 'react';
import { zoneAbbreviation, zoneLabel } from '@/components/calls/profile/zones';

export interface ZoneGroup {
  region: string;
  zones: { value: string; label: string }[];
}

let cached: ZoneGroup[] | null = null;

/** Intl's IANA zones grouped by region ("Europe", "America", …); UTC first. Computed once per page. */
function zoneGroups(): ZoneGroup[] {
  if (cached) return cached;
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const groups = new Map<string, string[]>();
  for (const zone of all) {
    const region = zone.includes('/') ? (zone.split('/')[0] ?? 'Other') : 'Other';
    const list = groups.get(region) ?? [];
    list.push(zone);
    groups.set(region, list);
  }
  const now = new Date();
  cached = [
    { region: 'Universal', zones: [{ value: 'UTC', label: 'UTC' }] },
    ...[...groups.entries()]
      .map(([region, zones]) => ({
        region,
        zones: zones
          .filter((z) => z !== 'UTC')
          .map((z) => ({ value: z, label: `${zoneLabel(z)} — ${zoneAbbreviation(z, now)}` })),
      }))
      .filter((g) => g.zones.length > 0)
      .sort((a, b) => a.region.localeCompare(b.region)),
  ];
  return cached;
}

const noSubscribe = () => () => {};

/**
 * The zone list in the browser only: Node and the browser may ship different tz data, and the server render
 * must match the first client render. Null until hydrated.
 */
export function useZoneGroups(): ZoneGroup[] | null {
  return useSyncExternalStore(noSubscribe, zoneGroups, () => null);
}
