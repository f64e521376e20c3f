'use client';

import { useSyncExternalStore } from 'react';

/**
 * Time-zone helpers for call scheduling (browser-side). Slots are UTC instants; fans see them in their own
 * zone, creators write their week in theirs.
 */

const noSubscribe = () => () => {};

/** The browser's IANA zone, or null during the server render and hydration (so both renders match). */
export function useViewerTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

/** "2026-11-24" for the calendar day the instant falls on in timeZone (groups slots by local day). */
export function dayKey(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

export function formatDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, weekday: 'short', month: 'short', day: 'numeric' }).format(
    new Date(iso),
  );
}

export function formatLongDay(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, weekday: 'long', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
}

export function formatTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', minute: '2-digit' }).format(
    new Date(iso),
  );
}

/** "Tue, Nov 24 · 2:30 – 3:00 PM" in timeZone. */
export function formatSlotRange(startsAt: string, endsAt: string, timeZone: string): string {
  const range = new Intl.DateTimeFormat('en', { timeZone, hour: 'numeric', minute: '2-digit' }).formatRange(
    new Date(startsAt),
    new Date(endsAt),
  );
  return `${formatDay(startsAt, timeZone)} · ${range}`;
}

/** "GMT+1"-style short name of a zone at a given instant, for labels next to times. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** "Europe/Berlin" → "Berlin", "America/Argentina/Buenos_Aires" → "Buenos Aires (Argentina)". */
export function zoneLabel(timeZone: string): string {
  const parts = timeZone.split('/');
  if (parts.length < 2) return timeZone.replaceAll('_', ' ');
  const city = (parts.at(-1) ?? timeZone).replaceAll('_', ' ');
  const middle = parts.slice(1, -1).join(' / ').replaceAll('_', ' ');
  return middle ? `${city} (${middle})` : city;
}
