import Link from 'next/link';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { addDays, localToday } from '@/lib/community/dates';
import { type DashParams, dashHref } from './url';

/** A plain GET form (works without JavaScript) plus quick ranges ending today in the guild's timezone. */
export function RangePicker({ p, timezone }: { p: DashParams; timezone: string }) {
  const today = localToday(timezone);
  const presets = [7, 30, 90].map((n) => ({ n, from: addDays(today, -(n - 1)) }));
  return (
    <div className="space-y-2">
      <form
        method="get"
        action="/dashboard"
        className="flex flex-wrap items-end gap-2"
        aria-label="Date range"
      >
        <input type="hidden" name="guild" value={p.guild} />
        <div className="space-y-1">
          <Label htmlFor="dash-from">From</Label>
          <Input
            id="dash-from"
            name="from"
            type="date"
            defaultValue={p.from}
            max={today}
            className="w-40"
            required
          />
        </div>
        <div className="space-y-1">
          <Label htmlFor="dash-to">To</Label>
          <Input id="dash-to" name="to" type="date" defaultValue={p.to} className="w-40" required />
        </div>
        <Button type="submit" variant="secondary">
          Apply
        </Button>
      </form>
      <nav aria-label="Quick ranges" className="flex flex-wrap gap-1 text-sm">
        {presets.map((r) => (
          <Link
            key={r.n}
            href={dashHref({ guild: p.guild, from: r.from, to: today })}
            aria-current={p.from === r.from && p.to === today ? 'true' : undefined}
            className="rounded-md border px-2 py-1 hover:bg-accent aria-[current]:bg-primary aria-[current]:text-primary-foreground"
          >
            Last {r.n} days
          </Link>
        ))}
      </nav>
    </div>
  );
}
