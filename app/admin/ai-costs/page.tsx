import { Download } from 'lucide-react';
import type { Metadata } from 'next';
import { AiSettingEditor } from '@/components/admin/ai-budget-editor';
import { DailyChart } from '@/components/admin/daily-chart';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { aiCostLedger } from '@/lib/admin/ai-costs';
import { requireRole } from '@/lib/auth/viewer';

export const metadata: Metadata = { title: 'AI costs · Admin' };

const usd = (v: number) => `$${v.toFixed(v !== 0 && v < 1 ? 4 : 2)}`;

function Breakdown({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; cost_usd: number; requests: number }[];
}) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2" className="text-base">
          By {title}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {rows.length === 0 ? (
          <p className="text-sm text-muted-foreground">No AI requests this cycle.</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead className="capitalize">{title}</TableHead>
                <TableHead className="text-right">Requests</TableHead>
                <TableHead className="text-right">Cost</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.key}>
                  <TableCell className="font-mono text-xs">{r.key}</TableCell>
                  <TableCell className="text-right">{r.requests}</TableCell>
                  <TableCell className="text-right">{usd(r.cost_usd)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}

export default async function AdminAiCostsPage() {
  const viewer = await requireRole(['admin'], '/admin/ai-costs');
  const l = await aiCostLedger(viewer.claims);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">AI cost ledger</h1>
          <p className="text-muted-foreground">
            Every AI request of /audit, priced when it ran. Pending requests count with their estimate until
            settled.
          </p>
        </div>
        <div className="flex gap-2">
          <AiSettingEditor kind="cycle" startDay={l.startDay} />
          <Button asChild variant="outline">
            <a href="/api/admin/ai-costs?format=csv" download>
              <Download aria-hidden /> Export CSV
            </a>
          </Button>
        </div>
      </div>
      <Card>
        <CardHeader>
          <CardDescription>
            Current billing cycle (starts on day {l.startDay} of each month, UTC):{' '}
            <LocalTime value={l.cycleStart} /> – <LocalTime value={l.cycleEnd} />
          </CardDescription>
          <CardTitle as="div" className="text-4xl" data-testid="ai-cycle-total">
            {usd(l.total)}
          </CardTitle>
        </CardHeader>
        <CardContent>
          <DailyChart
            data={l.daily.map((d) => ({ day: d.day, value: d.cost_usd }))}
            label="AI spend"
            unit="usd"
          />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Budgets per guild</CardTitle>
          <CardDescription>
            The budget warns; the hard limit refuses requests for the rest of the cycle.
          </CardDescription>
        </CardHeader>
        <CardContent>
          {l.budgets.length === 0 ? (
            <EmptyState
              title="No guilds yet"
              description="A guild appears here the first time the bot hears from it."
            />
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Guild</TableHead>
                  <TableHead className="text-right">Spent this cycle</TableHead>
                  <TableHead className="text-right">Budget</TableHead>
                  <TableHead className="text-right">Hard limit</TableHead>
                  <TableHead className="hidden sm:table-cell">State</TableHead>
                  <TableHead className="text-right">
                    <span className="sr-only">Edit</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {l.budgets.map((b) => (
                  <TableRow key={b.guild_id} data-testid={`budget-${b.guild_id}`}>
                    <TableCell className="font-mono text-xs">{b.guild_id}</TableCell>
                    <TableCell className="text-right">{usd(b.cycle_spend_usd)}</TableCell>
                    <TableCell className="text-right">{usd(b.budget_usd)}</TableCell>
                    <TableCell className="text-right">{usd(b.hard_limit_usd)}</TableCell>
                    <TableCell className="hidden sm:table-cell">
                      {b.cycle_spend_usd >= b.hard_limit_usd ? (
                        <Badge variant="destructive">At hard limit</Badge>
                      ) : b.cycle_spend_usd >= b.budget_usd ? (
                        <Badge variant="warning">Over budget</Badge>
                      ) : (
                        <Badge variant="success">Within budget</Badge>
                      )}
                    </TableCell>
                    <TableCell className="text-right">
                      <AiSettingEditor
                        kind="budget"
                        guildId={b.guild_id}
                        budgetUsd={b.budget_usd}
                        hardLimitUsd={b.hard_limit_usd}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <div className="md:col-span-2">
          <Breakdown title="guild" rows={l.byGuild} />
        </div>
        <Breakdown title="command" rows={l.byCommand} />
        <Breakdown title="model" rows={l.byModel} />
      </div>
    </div>
  );
}
