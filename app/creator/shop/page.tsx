import { ChevronLeft, ShoppingBag } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { OrdersTable } from '@/components/shop/orders-table';
import { ProductActiveToggle } from '@/components/shop/product-active-toggle';
import { ProductForm } from '@/components/shop/product-form';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { requireRole } from '@/lib/auth/viewer';
import { listOrders } from '@/lib/shop/orders';
import { listProducts } from '@/lib/shop/products';
import { tokensLabel } from '@/lib/subscriptions/format';

export const metadata: Metadata = { title: 'Shop' };
export const dynamic = 'force-dynamic';

export default async function CreatorShopPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const viewer = await requireRole(['creator'], '/creator/shop');
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const [products, orders] = await Promise.all([
    listProducts(viewer.profile.id, viewer.claims),
    listOrders(viewer.claims, 'sold', page),
  ]);
  return (
    <div className="space-y-8">
      <div className="space-y-2">
        <Link
          href="/creator"
          className="inline-flex items-center gap-1 text-sm text-muted-foreground underline-offset-4 hover:underline"
        >
          <ChevronLeft className="size-4" aria-hidden /> Creator studio
        </Link>
        <h1 className="text-2xl font-bold tracking-tight">Shop</h1>
        <p className="text-muted-foreground">
          Sell digital downloads and physical goods for tokens. Fans buy from your profile page.
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle as="h2">Add a product</CardTitle>
          <CardDescription>The platform fee applies as for tips.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProductForm />
        </CardContent>
      </Card>
      <section aria-labelledby="products-heading" className="space-y-3">
        <h2 id="products-heading" className="text-xl font-semibold tracking-tight">
          Products
        </h2>
        {products.length === 0 ? (
          <EmptyState
            icon={ShoppingBag}
            title="No products yet"
            description="Add your first product above."
          />
        ) : (
          <Table data-testid="products-table">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Type</TableHead>
                <TableHead>Price</TableHead>
                <TableHead>Stock</TableHead>
                <TableHead>On sale</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {products.map((p) => (
                <TableRow key={p.id}>
                  <TableCell className="font-medium">{p.name}</TableCell>
                  <TableCell>
                    <Badge variant="outline">{p.kind === 'digital' ? 'Digital' : 'Physical'}</Badge>
                  </TableCell>
                  <TableCell className="tabular-nums">{tokensLabel(p.price)}</TableCell>
                  <TableCell className="tabular-nums">{p.stock === null ? 'Unlimited' : p.stock}</TableCell>
                  <TableCell>
                    <ProductActiveToggle id={p.id} name={p.name} active={p.active} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </section>
      <section aria-labelledby="orders-heading" className="space-y-3">
        <h2 id="orders-heading" className="text-xl font-semibold tracking-tight">
          Orders
        </h2>
        {orders.total === 0 ? (
          <EmptyState title="No orders yet" description="Orders appear here as fans buy." />
        ) : (
          <>
            <OrdersTable orders={orders.items} side="sold" />
            {orders.pageCount > 1 ? (
              <Pagination
                page={orders.page}
                pageCount={orders.pageCount}
                hrefFor={(p) => `/creator/shop?page=${p}`}
              />
            ) : null}
          </>
        )}
      </section>
    </div>
  );
}
