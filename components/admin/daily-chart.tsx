'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export type ChartUnit = 'count' | 'usd' | 'cents';

export function formatUnit(v: number, unit: ChartUnit): string {
  if (unit === 'cents') return (v / 100).toLocaleString('en', { style: 'currency', currency: 'USD' });
  if (unit === 'usd') return `$${v.toFixed(v !== 0 && Math.abs(v) < 1 ? 4 : 2)}`;
  return v.toLocaleString('en');
}

/** A per-day bar chart (UTC days) with an accessible table of the same numbers. */
export function DailyChart({
  data,
  label,
  unit = 'count',
}: {
  data: { day: string; value: number }[];
  label: string;
  unit?: ChartUnit;
}) {
  const format = (v: number) => formatUnit(v, unit);
  const total = data.reduce((s, d) => s + d.value, 0);
  return (
    <figure className="space-y-2">
      <div className="h-64 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
            <XAxis dataKey="day" tickFormatter={(d: string) => d.slice(5)} fontSize={12} minTickGap={16} />
            <YAxis fontSize={12} width={56} tickFormatter={(v: number) => format(v)} allowDecimals />
            <Tooltip
              formatter={(v) => [format(Number(v)), label]}
              labelFormatter={(d) => `${String(d)} (UTC)`}
              contentStyle={{ borderRadius: 8, fontSize: 12 }}
            />
            <Bar
              dataKey="value"
              fill="var(--color-primary)"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-sm text-muted-foreground">
        {label}: {format(total)} over {data.length} days (UTC days)
      </figcaption>
      <table className="sr-only">
        <caption>{label} per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">{label}</th>
          </tr>
        </thead>
        <tbody>
          {data.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{format(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
