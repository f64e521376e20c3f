import { z } from 'zod';

export const CATEGORIES = [
  'music',
  'fitness',
  'art',
  'gaming',
  'education',
  'lifestyle',
  'comedy',
  'tech',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  music: 'Music',
  fitness: 'Fitness',
  art: 'Art',
  gaming: 'Gaming',
  education: 'Education',
  lifestyle: 'Lifestyle',
  comedy: 'Comedy',
  tech: 'Tech',
  other: 'Other',
};

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
/** A checkbox in the query string: on when '1', 'true' or 'on' (a form's unchecked box sends nothing). */
const checkbox = z.preprocess((v) => v === '1' || v === 'true' || v === true || v === 'on', z.boolean());

/**
 * The browse filters (query string of /creators and /api/discover). Adding a filter is a field here plus
 * one condition in public.discover_creators.
 */
export const DiscoverQuery = z
  .object({
    q: z.preprocess(emptyToUndefined, z.string().trim().max(100).optional()),
    category: z.preprocess(emptyToUndefined, z.enum(CATEGORIES, { error: 'Unknown category' }).optional()),
    minPrice: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100000).optional()),
    maxPrice: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(100000).optional()),
    availableNow: checkbox,
    liveNow: checkbox,
    sort: z.preprocess(emptyToUndefined, z.enum(['popular', 'newest', 'relevance']).default('popular')),
    page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(10000).default(1)),
  })
  .refine((f) => f.minPrice === undefined || f.maxPrice === undefined || f.minPrice <= f.maxPrice, {
    error: 'The minimum is above the maximum',
    path: ['maxPrice'],
  });
export type DiscoverFilters = z.infer<typeof DiscoverQuery>;

export const SaveCreatorSchema = z.object({ creatorId: z.uuid() });
export const ListingSchema = z.object({ category: z.enum(CATEGORIES, { error: 'Pick a category' }) });
