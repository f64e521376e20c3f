'use client';

import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';

interface Props {
  days: { day: string; score: number; active_members: number }[];
  band: { from: string; to: string; name: string };
  baseline: { from: string; to: string } | null;
}

const short = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  });

/** Daily Community Score of the guild, with the campaign shaded and its baseline lightly marked. */
export function CampaignChart({ days, band, baseline }: Props) {
  // A numeric axis (day index) so a band covers whole days: a one-day campaign is a day wide, not a line.
  const data = days.map((d, i) => ({ ...d, i }));
  const at = (day: string) => days.findIndex((d) => d.day === day);
  const span = (from: string, to: string) => {
    const a = at(from);
    const b = at(to);
    return a < 0 || b < 0 ? null : { x1: a - 0.5, x2: b + 0.5 };
  };
  const bandX = span(band.from, band.to);
  const baseX = baseline ? span(baseline.from, baseline.to) : null;
  const label = (i: unknown) => {
    const d = days[Number(i)];
    return d ? short(d.day) : '';
  };
  return (
    <figure className="space-y-2">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
            <XAxis
              dataKey="i"
              type="number"
              domain={[-0.5, Math.max(0, days.length - 1) + 0.5]}
              tickFormatter={label}
              allowDecimals={false}
              tick={{ fontSize: 12 }}
              minTickGap={24}
            />
            <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
            {baseX ? (
              <ReferenceArea
                x1={baseX.x1}
                x2={baseX.x2}
                fill="var(--color-muted-foreground)"
                fillOpacity={0.08}
                ifOverflow="hidden"
              />
            ) : null}
            {bandX ? (
              <ReferenceArea
                x1={bandX.x1}
                x2={bandX.x2}
                fill="var(--color-primary)"
                fillOpacity={0.15}
                ifOverflow="hidden"
                label={{ value: band.name, position: 'insideTop', fontSize: 12 }}
              />
            ) : null}
            <Tooltip
              labelFormatter={label}
              formatter={(v, name) => [
                Number(v).toLocaleString('en-US'),
                name === 'score' ? 'Score' : String(name),
              ]}
            />
            <Area
              type="monotone"
              dataKey="score"
              stroke="var(--color-primary)"
              fill="var(--color-primary)"
              fillOpacity={0.2}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </div>
      <figcaption className="text-xs text-muted-foreground">
        Daily Community Score. Shaded: {band.name}
        {baseline ? '; light grey: the baseline period of the same length before it' : ''}.
      </figcaption>
      <table className="sr-only">
        <caption>Daily score</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.score}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
