import { z } from 'zod';
import { route } from '@/lib/http/route';
import { createProduct, listProducts } from '@/lib/shop/products';
import { ProductSchema } from '@/lib/shop/schemas';

/** GET: a creator's products. POST: a creator adds one. */
export const GET = route(
  { auth: 'optional', query: z.object({ creatorId: z.uuid() }) },
  async ({ viewer, query }) => ({
    products: await listProducts(query.creatorId, viewer?.claims ?? null),
  }),
);

export const POST = route({ auth: ['creator'], body: ProductSchema }, async ({ viewer, body }) => {
  if (!viewer) return null;
  return { product: await createProduct(viewer.claims, body) };
});
