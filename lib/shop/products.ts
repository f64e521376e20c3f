import 'server-only';
import { asUser, type Claims } from '@/lib/db/tx';
import type { ProductInput } from './schemas';

export interface Product {
  id: string;
  creatorId: string;
  kind: 'digital' | 'physical';
  name: string;
  description: string;
  imageUrls: string[];
  price: number;
  stock: number | null;
  active: boolean;
  createdAt: string;
}

interface Row {
  id: string;
  creator_id: string;
  kind: 'digital' | 'physical';
  name: string;
  description: string;
  image_urls: string[];
  price: number;
  stock: number | null;
  active: boolean;
  created_at: Date;
}

// Column lists below never include download_url: it is not granted for reading.

const toProduct = (r: Row): Product => ({
  id: r.id,
  creatorId: r.creator_id,
  kind: r.kind,
  name: r.name,
  description: r.description,
  imageUrls: r.image_urls,
  price: r.price,
  stock: r.stock,
  active: r.active,
  createdAt: r.created_at.toISOString(),
});

/** A creator's products as the viewer may see them (inactive ones only for the creator). */
export async function listProducts(creatorId: string, claims: Claims | null = null): Promise<Product[]> {
  const r = await asUser(claims, (db) =>
    db.query<Row>(
      `select id, creator_id, kind, name, description, image_urls, price, stock, active, created_at from public.products where creator_id = $1 order by active desc, created_at desc limit 100`,
      [creatorId],
    ),
  );
  return r.rows.map(toProduct);
}

export async function createProduct(claims: Claims, p: ProductInput): Promise<Product> {
  const r = await asUser(claims, (db) =>
    db.query<Row>(
      `insert into public.products (creator_id, kind, name, description, image_urls, price, stock, active, download_url)
       values (auth.uid(), $1, $2, $3, $4, $5, $6, $7, $8) returning id, creator_id, kind, name, description, image_urls, price, stock, active, created_at`,
      [p.kind, p.name, p.description, p.imageUrls, p.price, p.stock, p.active, p.downloadUrl],
    ),
  );
  return toProduct(r.rows[0] as Row);
}

/** Updates the fields given; null when the product is not the caller's. */
export async function updateProduct(
  claims: Claims,
  id: string,
  p: { name?: string; description?: string; price?: number; stock?: number | null; active?: boolean },
): Promise<Product | null> {
  const r = await asUser(claims, (db) =>
    db.query<Row>(
      `update public.products
          set name = coalesce($2, name), description = coalesce($3, description), price = coalesce($4, price),
              stock = case when $5::boolean then $6::integer else stock end, active = coalesce($7, active)
        where id = $1 returning id, creator_id, kind, name, description, image_urls, price, stock, active, created_at`,
      [
        id,
        p.name ?? null,
        p.description ?? null,
        p.price ?? null,
        p.stock !== undefined,
        p.stock ?? null,
        p.active ?? null,
      ],
    ),
  );
  return r.rows[0] ? toProduct(r.rows[0]) : null;
}
