import { CheckCircle2, Circle } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { requireRole } from '@/lib/auth/viewer';
import { getCallSettings } from '@/lib/calls/settings';
import { formatTokens } from '@/lib/payments/format-money';

export const metadata: Metadata = { title: 'Creator studio' };

export default async function CreatorStudioPage() {
  const { profile } = await requireRole(['creator', 'admin'], '/creator');
  const calls = (await getCallSettings(profile.id))?.settings ?? null;
  const callRates = calls
    ? [
        calls.videoRate !== null ? `video ${formatTokens(calls.videoRate)}` : null,
        calls.voiceRate !== null ? `voice ${formatTokens(calls.voiceRate)}` : null,
      ].filter((x): x is string => x !== null)
    : [];
  const steps = [
    { done: profile.display_name.trim().length > 0, label: 'Choose a display name fans will recognise' },
    {
      done: profile.bio.trim().length >= 40,
      label: 'Write a bio of at least 40 characters: what fans get from you',
    },
    { done: profile.avatar_url !== null, label: 'Add an avatar image' },
  ];
  const complete = steps.filter((s) => s.done).length;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Creator studio</h1>
        <p className="text-muted-foreground">
          Welcome, {profile.display_name}. Set up the page fans see first.
        </p>
      </div>
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Public page</CardTitle>
            <CardDescription>
              {complete} of {steps.length} steps done
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-4">
            <div
              className="h-2 overflow-hidden rounded-full bg-primary/15"
              role="progressbar"
              aria-label="Profile completeness"
              aria-valuemin={0}
              aria-valuemax={steps.length}
              aria-valuenow={complete}
            >
              <div
                className="h-full bg-primary transition-all"
                style={{ width: `${(complete / steps.length) * 100}%` }}
              />
            </div>
            <ul className="space-y-2">
              {steps.map((s) => (
                <li key={s.label} className="flex items-start gap-2 text-sm">
                  {s.done ? (
                    <CheckCircle2 className="mt-0.5 size-4 text-success" aria-label="Done" />
                  ) : (
                    <Circle className="mt-0.5 size-4 text-muted-foreground" aria-label="To do" />
                  )}
                  <span className={s.done ? 'text-muted-foreground line-through' : ''}>{s.label}</span>
                </li>
              ))}
            </ul>
            <div className="flex flex-wrap gap-2">
              <Button asChild>
                <Link href="/profile">Edit profile</Link>
              </Button>
              <Button asChild variant="outline">
                <Link href={`/creators/${profile.username}`}>View public page</Link>
              </Button>
            </div>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Earnings</CardTitle>
            <CardDescription>
              Tips, paid calls, messages, subscriptions and shop orders — in tokens and in US dollars.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild>
              <Link href="/creator/earnings">View earnings</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <CardTitle as="h2">Paid calls</CardTitle>
              {calls?.availableNow ? (
                <Badge variant="success">Available now</Badge>
              ) : callRates.length > 0 ? (
                <Badge variant="outline">Not taking instant calls</Badge>
              ) : null}
            </div>
            <CardDescription>
              {callRates.length > 0
                ? `Fans pay per minute: ${callRates.join(', ')} tokens. Set your hours and answer requests.`
                : 'Offer 1-on-1 video or voice calls, paid per minute. Set your rates and weekly hours.'}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild>
              <Link href="/creator/calls">{callRates.length > 0 ? 'Manage calls' : 'Set up paid calls'}</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Live streams</CardTitle>
            <CardDescription>
              Go live for your fans: chat, tips and gifts on screen, and the figures after each stream.
            </CardDescription>
          </CardHeader>
          <CardContent className="flex flex-wrap gap-2">
            <Button asChild>
              <Link href="/creator/live">Go live</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Subscriptions</CardTitle>
            <CardDescription>Monthly tiers, subscriber-only posts, Discord roles per tier, and who subscribes.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/creator/subscriptions">Manage subscriptions</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Shop</CardTitle>
            <CardDescription>Digital downloads and physical products, with stock and orders to ship.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/creator/shop">Open the shop</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Payouts</CardTitle>
            <CardDescription>Turn earned tokens into money: payout setup, requests and monthly statements.</CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/creator/payouts">Payouts</Link>
            </Button>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle as="h2">Your community</CardTitle>
            <CardDescription>
              Engagement insight for the Discord guilds you connect lives in the dashboard.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Button asChild variant="outline">
              <Link href="/dashboard">Open the dashboard</Link>
            </Button>
          </CardContent>
        </Card>
      </div>
    </div>
  );
}
