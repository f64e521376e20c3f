import { ShoppingBag } from 'lucide-react';
import type { Metadata } from 'next';
import Link from 'next/link';
import { OrdersTable } from '@/components/shop/orders-table';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Pagination } from '@/components/ui/pagination';
import { ROLES } from '@/lib/auth/schemas';
import { requireRole } from '@/lib/auth/viewer';
import { listOrders } from '@/lib/shop/orders';

export const metadata: Metadata = { title: 'My orders' };
export const dynamic = 'force-dynamic';

export default async function MyOrdersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const viewer = await requireRole(ROLES, '/orders');
  const page = Math.max(1, Number((await searchParams).page) || 1);
  const orders = await listOrders(viewer.claims, 'bought', page);
  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold tracking-tight">My orders</h1>
        <p className="text-muted-foreground">Downloads open a link that is valid for 15 minutes.</p>
      </div>
      {orders.total === 0 ? (
        <EmptyState
          icon={ShoppingBag}
          title="No orders yet"
          description="Creators sell downloads and merch from their profile pages."
          action={
            <Button asChild>
              <Link href="/creators">Browse creators</Link>
            </Button>
          }
        />
      ) : (
        <>
          <OrdersTable orders={orders.items} side="bought" />
          {orders.pageCount > 1 ? (
            <Pagination
              page={orders.page}
              pageCount={orders.pageCount}
              hrefFor={(p) => `/orders?page=${p}`}
            />
          ) : null}
        </>
      )}
    </div>
  );
}
