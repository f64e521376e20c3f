import { Search } from 'lucide-react';
import type { Metadata } from 'next';
import { CreatorCard } from '@/components/creators/creator-card';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Input } from '@/components/ui/input';
import { Pagination } from '@/components/ui/pagination';
import { listCreators } from '@/lib/profiles/public-profiles';

export const metadata: Metadata = { title: 'Creators' };
export const dynamic = 'force-dynamic';

export default async function CreatorsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; q?: string }>;
}) {
  const sp = await searchParams;
  const page = Math.max(1, Number.parseInt(sp.page ?? '1', 10) || 1);
  const q = (sp.q ?? '').slice(0, 60);
  const result = await listCreators({ page, pageSize: 12, q });
  const hrefFor = (p: number) => `/creators?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-bold tracking-tight">Creators</h1>
          <p className="text-muted-foreground">
            {result.total} {result.total === 1 ? 'creator' : 'creators'}
            {q ? ` matching “${q}”` : ''}
          </p>
        </div>
        <search className="w-full max-w-sm">
          <form className="flex gap-2" action="/creators">
            <label htmlFor="creator-search" className="sr-only">
              Search creators
            </label>
            <Input id="creator-search" name="q" defaultValue={q} placeholder="Search by name or username" />
            <Button type="submit" variant="secondary" size="icon" aria-label="Search">
              <Search aria-hidden />
            </Button>
          </form>
        </search>
      </div>
      {result.items.length === 0 ? (
        <EmptyState
          title={q ? 'No creators match your search' : 'No creators yet'}
          description={
            q ? 'Try another name or clear the search.' : 'Creators appear here once an admin approves them.'
          }
        />
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {result.items.map((c) => (
            <li key={c.id}>
              <CreatorCard creator={c} />
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
