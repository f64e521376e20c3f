'use client';

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const short = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  });

/** Tickets opened and resolved per local day. */
export function TicketChart({ days }: { days: { day: string; opened: number; resolved: number }[] }) {
  return (
    <figure className="space-y-2">
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -24 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--color-border)" />
            <XAxis dataKey="day" tickFormatter={short} tick={{ fontSize: 12 }} minTickGap={24} />
            <YAxis tick={{ fontSize: 12 }} allowDecimals={false} />
            <Tooltip labelFormatter={(d) => short(String(d))} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="opened" name="Opened" fill="var(--color-primary)" isAnimationActive={false} />
            <Bar
              dataKey="resolved"
              name="Resolved"
              fill="var(--color-muted-foreground)"
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="sr-only">
        <caption>Tickets per day</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            <th scope="col">Opened</th>
            <th scope="col">Resolved</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.day}>
              <td>{d.day}</td>
              <td>{d.opened}</td>
              <td>{d.resolved}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
