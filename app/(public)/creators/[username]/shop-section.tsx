import { ProductGrid } from '@/components/shop/product-grid';
import type { Viewer } from '@/lib/auth/viewer';
import { listProducts } from '@/lib/shop/products';

/** The creator's shop on their profile (active products only; nothing when there are none). */
export async function CreatorShop({
  creator,
  viewer,
}: {
  creator: { id: string; username: string };
  viewer: Viewer | null;
}) {
  const products = (await listProducts(creator.id)).filter((p) => p.active);
  if (products.length === 0) return null;
  return (
    <ProductGrid
      products={products}
      username={creator.username}
      viewer={
        !viewer
          ? { kind: 'anonymous' }
          : viewer.profile.id === creator.id
            ? { kind: 'self' }
            : { kind: 'fan' }
      }
    />
  );
}
