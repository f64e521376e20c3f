import { describe, expect, it } from 'vitest';
import { campaignWindow } from '@/lib/community/dashboard';
import { addDays, daysBetween, localToday, resolveRange, utcOffsetLabel } from '@/lib/community/dates';
import { formatDuration, formatPct } from '@/lib/community/format';
import { CampaignSchema, RangeQuery, Timezone } from '@/lib/community/schemas';

/** The pure helpers behind the dashboard's ranges, labels and forms. */

describe('local days', () => {
  it('today depends on the timezone: 23:30 UTC is already tomorrow in Tokyo', () => {
    const at = new Date('2026-03-01T23:30:00Z');
    expect(localToday('UTC', at)).toBe('2026-03-01');
    expect(localToday('Asia/Tokyo', at)).toBe('2026-03-02');
    expect(localToday('America/Los_Angeles', at)).toBe('2026-03-01');
  });

  it('the default range is the 30 local days up to today; a lone start gets 30 days', () => {
    const at = new Date('2026-03-01T23:30:00Z');
    expect(resolveRange({}, 'Asia/Tokyo', at)).toEqual({ from: '2026-02-01', to: '2026-03-02' });
    expect(resolveRange({ from: '2026-01-01' }, 'UTC', at)).toEqual({ from: '2026-01-01', to: '2026-01-30' });
    expect(resolveRange({ to: '2026-01-30' }, 'UTC', at)).toEqual({ from: '2026-01-01', to: '2026-01-30' });
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(daysBetween('2026-03-01', '2026-03-01')).toBe(1);
  });

  it('shows the UTC offset of a timezone at a given moment (daylight saving included)', () => {
    expect(utcOffsetLabel('Asia/Tokyo', new Date('2026-03-01T00:00:00Z'))).toBe('UTC+09:00');
    expect(utcOffsetLabel('Europe/Paris', new Date('2026-07-01T00:00:00Z'))).toBe('UTC+02:00');
    expect(utcOffsetLabel('UTC', new Date('2026-07-01T00:00:00Z'))).toBe('UTC+00:00');
  });
});

describe('campaign chart window', () => {
  it('shows the baseline, the campaign and as long after it (at least a week each side), never past today', () => {
    expect(campaignWindow({ starts_on: '2026-03-10', ends_on: '2026-03-23' }, '2026-06-01')).toEqual({
      from: '2026-02-24',
      to: '2026-04-06',
    });
    expect(campaignWindow({ starts_on: '2026-03-10', ends_on: '2026-03-10' }, '2026-03-11')).toEqual({
      from: '2026-03-03',
      to: '2026-03-11',
    });
    // An upcoming campaign still shows its own days.
    expect(campaignWindow({ starts_on: '2026-04-01', ends_on: '2026-04-02' }, '2026-03-20')).toEqual({
      from: '2026-03-25',
      to: '2026-04-02',
    });
  });
});

describe('schemas and labels', () => {
  it('accepts IANA zones and refuses made-up ones', () => {
    expect(Timezone.safeParse('Asia/Tokyo').success).toBe(true);
    expect(Timezone.safeParse('UTC').success).toBe(true);
    expect(Timezone.safeParse('Mars/Olympus').success).toBe(false);
    expect(Timezone.safeParse('').success).toBe(false);
  });

  it('refuses impossible dates, inverted and over-long ranges and campaigns', () => {
    expect(RangeQuery.safeParse({ from: '2026-02-30' }).success).toBe(false);
    expect(RangeQuery.safeParse({ from: '2026-03-02', to: '2026-03-01' }).success).toBe(false);
    expect(RangeQuery.safeParse({ from: '2025-01-01', to: '2026-03-01' }).success).toBe(false);
    expect(RangeQuery.safeParse({ from: '2026-03-01', to: '2026-03-01' }).success).toBe(true);
    const bad = CampaignSchema.safeParse({ name: ' ', startsOn: '2026-03-02', endsOn: '2026-03-01' });
    expect(bad.success ? [] : bad.error.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'endsOn',
      'name',
    ]);
  });

  it('formats durations and percentages for people', () => {
    expect([
      formatDuration(null),
      formatDuration(45),
      formatDuration(95),
      formatDuration(7260),
      formatDuration(90000),
    ]).toEqual(['—', '45 s', '1 min 35 s', '2 h 1 min', '1 d 1 h']);
    expect([formatPct(null), formatPct(50), formatPct(-75.5), formatPct(0)]).toEqual([
      'new',
      '+50%',
      '-75.5%',
      '0%',
    ]);
  });
});
