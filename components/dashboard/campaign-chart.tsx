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
  return (
    <figure className="space-y-2">
      <div className="h-64 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <AreaChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
            <XAxis dataKey="day" tickFormatter={short} tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
            {baseline ? (
              <ReferenceArea
                x1={baseline.from}
                x2={baseline.to}
                fill="var(--color-muted-foreground)"
                fillOpacity={0.08}
                ifOverflow="extendDomain"
              />
            ) : null}
            <ReferenceArea
              x1={band.from}
              x2={band.to}
              fill="var(--color-primary)"
              fillOpacity={0.15}
              ifOverflow="extendDomain"
              label={{ value: band.name, position: 'insideTop', fontSize: 12 }}
            />
            <Tooltip
              labelFormatter={(d) => short(String(d))}
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
