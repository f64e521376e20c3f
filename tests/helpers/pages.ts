import { expect } from 'vitest';

interface Page {
  items: { id: string }[];
  nextBefore: string | null;
  nextBeforeId: string | null;
}

/**
 * Follows a (before, beforeId) keyset cursor from the first page to the last, `limit` items a page, and
 * returns every id in the order listed. Each page must answer 200 and its cursor must name its last item.
 */
export async function idsThroughPages(
  get: (query: string) => Promise<Response>,
  limit: number,
  maxPages = 20,
): Promise<string[]> {
  const seen: string[] = [];
  let query = `?limit=${limit}`;
  for (let n = 0; n < maxPages; n++) {
    const res = await get(query);
    expect(res.status).toBe(200);
    const page = (await res.json()) as Page;
    seen.push(...page.items.map((x) => x.id));
    if (!page.nextBefore) return seen;
    expect(page.nextBeforeId).toBe(page.items.at(-1)?.id);
    query = `?limit=${limit}&before=${encodeURIComponent(page.nextBefore)}&beforeId=${page.nextBeforeId}`;
  }
  throw new Error(`still more pages after ${maxPages}`);
}
