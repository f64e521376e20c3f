'use client';

import { useState } from 'react';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { type ChartUnit, DailyChart } from './daily-chart';

export interface MetricsDayView {
  day: string;
  tokens_sold: number;
  revenue_cents: number;
  platform_fee_tokens: number;
  call_minutes: number;
  tickets_opened: number;
  tickets_resolved: number;
  ai_spend_usd: number;
  active_fans: number;
  active_creators: number;
}

export const METRICS: { key: keyof Omit<MetricsDayView, 'day'>; label: string; unit?: ChartUnit }[] = [
  { key: 'revenue_cents', label: 'Revenue (USD)', unit: 'cents' },
  { key: 'tokens_sold', label: 'Tokens sold' },
  { key: 'platform_fee_tokens', label: 'Platform fee (tokens)' },
  { key: 'call_minutes', label: 'Call minutes' },
  { key: 'tickets_opened', label: 'Tickets opened' },
  { key: 'tickets_resolved', label: 'Tickets resolved' },
  { key: 'ai_spend_usd', label: 'AI spend (USD)', unit: 'usd' },
  { key: 'active_fans', label: 'Active fans' },
  { key: 'active_creators', label: 'Active creators' },
];

/** The per-day chart with a metric picker. */
export function MetricsChart({ days }: { days: MetricsDayView[] }) {
  const [key, setKey] = useState<(typeof METRICS)[number]['key']>('revenue_cents');
  const m = METRICS.find((x) => x.key === key) ?? METRICS[0];
  if (!m) return null;
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2">
        <Label htmlFor="metric-pick">Chart</Label>
        <NativeSelect
          id="metric-pick"
          value={key}
          onChange={(e) => setKey(e.target.value as typeof key)}
          wrapperClassName="w-56"
        >
          {METRICS.map((x) => (
            <option key={x.key} value={x.key}>
              {x.label}
            </option>
          ))}
        </NativeSelect>
      </div>
      <DailyChart data={days.map((d) => ({ day: d.day, value: d[key] }))} label={m.label} unit={m.unit} />
    </div>
  );
}
