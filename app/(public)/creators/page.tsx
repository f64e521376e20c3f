import { Search } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { DiscoverCard } from '@/components/discovery/discover-card';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Pagination } from '@/components/ui/pagination';
import { NativeSelect } from '@/components/ui/select';
import { getViewer } from '@/lib/auth/viewer';
import { discoverCreators, savedIds } from '@/lib/discovery/discover';
import { CATEGORIES, CATEGORY_LABELS, DiscoverQuery } from '@/lib/discovery/schemas';

export const metadata: Metadata = { title: 'Creators' };
export const dynamic = 'force-dynamic';

type SP = Record<string, string | string[] | undefined>;

export default async function CreatorsPage({ searchParams }: { searchParams: Promise<SP> }) {
  const sp = await searchParams;
  const flat = Object.fromEntries(Object.entries(sp).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = DiscoverQuery.safeParse(flat);
  const filters = parsed.success ? parsed.data : DiscoverQuery.parse({});
  const [result, viewer] = await Promise.all([discoverCreators(filters), getViewer()]);
  const saved = viewer ? await savedIds(viewer.claims) : null;
  const keep = {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.minPrice !== undefined ? { minPrice: String(filters.minPrice) } : {}),
    ...(filters.maxPrice !== undefined ? { maxPrice: String(filters.maxPrice) } : {}),
    ...(filters.availableNow ? { availableNow: '1' } : {}),
    ...(filters.liveNow ? { liveNow: '1' } : {}),
    ...(filters.sort !== 'popular' ? { sort: filters.sort } : {}),
  };
  const hrefFor = (p: number) => `/creators?${new URLSearchParams({ ...keep, page: String(p) })}`;
  const filtered = Object.keys(keep).length > 0;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">Creators</h1>
        <p className="text-muted-foreground" aria-live="polite">
          {result.total} {result.total === 1 ? 'creator' : 'creators'}
          {filters.q ? ` matching “${filters.q}”` : ''}
        </p>
      </div>
      <search>
        <form
          action="/creators"
          className="grid gap-3 rounded-lg border p-4 sm:grid-cols-2 lg:grid-cols-6"
          aria-label="Filter creators"
        >
          <div className="space-y-1.5 sm:col-span-2">
            <Label htmlFor="creator-search">Search</Label>
            <Input
              id="creator-search"
              name="q"
              defaultValue={filters.q ?? ''}
              placeholder="Name, username or bio"
            />
          </div>
          <div className="space-y-1.5">
            <Label htmlFor="creator-category">Category</Label>
            <NativeSelect id="creator-category" name="category" defaultValue={filters.category ?? ''}>
              <option value="">All</option>
              {CATEGORIES.map((c) => (
                <option key={c} value={c}>
                  {CATEGORY_LABELS[c]}
                </option>
              ))}
            </NativeSelect>
          </div>
          <fieldset className="space-y-1.5">
            <legend className="text-sm font-medium">Call price (tokens/min)</legend>
            <div className="flex items-center gap-2">
              <Input
                name="minPrice"
                inputMode="numeric"
                aria-label="Minimum call price"
                placeholder="min"
                defaultValue={filters.minPrice ?? ''}
              />
              <span aria-hidden>–</span>
              <Input
                name="maxPrice"
                inputMode="numeric"
                aria-label="Maximum call price"
                placeholder="max"
                defaultValue={filters.maxPrice ?? ''}
              />
            </div>
          </fieldset>
          <div className="space-y-1.5">
            <Label htmlFor="creator-sort">Sort by</Label>
            <NativeSelect id="creator-sort" name="sort" defaultValue={filters.sort}>
              <option value="popular">Most popular</option>
              <option value="newest">Newest</option>
              <option value="relevance">Best match</option>
            </NativeSelect>
          </div>
          <div className="flex flex-col justify-end gap-2">
            {(
              [
                ['availableNow', 'Available now'],
                ['liveNow', 'Live now'],
              ] as const
            ).map(([name, label]) => (
              <label key={name} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={name}
                  value="1"
                  defaultChecked={filters[name]}
                  className="size-4"
                />
                {label}
              </label>
            ))}
            <Button type="submit">
              <Search aria-hidden /> Search
            </Button>
          </div>
        </form>
      </search>
      {!parsed.success ? (
        <Alert variant="destructive">
          <AlertDescription>
            Some filters were not valid and were ignored (
            {parsed.error.issues.map((i) => i.message).join('; ')}).
          </AlertDescription>
        </Alert>
      ) : null}
      {result.items.length === 0 ? (
        <EmptyState
          title={filtered ? 'No creators match these filters' : 'No creators yet'}
          description={
            filtered
              ? 'Try fewer filters or another search.'
              : 'Creators appear here once an admin approves them.'
          }
          action={
            filtered ? (
              <Button asChild variant="outline">
                <Link href="/creators">Clear filters</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.items.map((c) => (
            <li key={c.id}>
              <DiscoverCard
                creator={c}
                saved={saved && viewer?.profile.id !== c.id ? saved.has(c.id) : null}
              />
            </li>
          ))}
        </ul>
      )}
      {result.pageCount > 1 ? (
        <Pagination page={result.page} pageCount={result.pageCount} hrefFor={hrefFor} />
      ) : null}
    </div>
  );
}
