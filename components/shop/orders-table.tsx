import { Badge } from '@/components/ui/badge';
import { LocalTime } from '@/components/ui/local-time';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { Order } from '@/lib/shop/orders';
import { tokensLabel } from '@/lib/subscriptions/format';
import { OrderActions } from './order-actions';

const STATUS = {
  pending: { label: 'Pending', variant: 'warning' },
  shipped: { label: 'Shipped', variant: 'secondary' },
  completed: { label: 'Completed', variant: 'success' },
} as const;

/** Orders for the buyer (bought) or the creator (sold, with the shipping address). */
export function OrdersTable({ orders, side }: { orders: Order[]; side: 'bought' | 'sold' }) {
  return (
    <Table data-testid={`orders-${side}`}>
      <TableHeader>
        <TableRow>
          <TableHead>Product</TableHead>
          <TableHead>{side === 'bought' ? 'From' : 'Buyer'}</TableHead>
          <TableHead>Paid</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Date</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {orders.map((o) => (
          <TableRow key={o.id}>
            <TableCell className="font-medium">
              {o.productName}
              {side === 'sold' && o.shippingAddress ? (
                <address className="mt-1 text-xs font-normal not-italic text-muted-foreground">
                  {o.shippingAddress.name}, {o.shippingAddress.line1}
                  {o.shippingAddress.line2 ? `, ${o.shippingAddress.line2}` : ''},{' '}
                  {o.shippingAddress.postalCode} {o.shippingAddress.city}, {o.shippingAddress.country}
                </address>
              ) : null}
              {o.tracking ? (
                <p className="text-xs font-normal text-muted-foreground">Tracking: {o.tracking}</p>
              ) : null}
            </TableCell>
            <TableCell>{side === 'bought' ? o.creator.displayName : `@${o.buyer.username}`}</TableCell>
            <TableCell className="tabular-nums">{tokensLabel(o.amount)}</TableCell>
            <TableCell>
              <Badge variant={STATUS[o.status].variant}>
                {o.kind === 'digital' ? 'Delivered' : STATUS[o.status].label}
              </Badge>
            </TableCell>
            <TableCell>
              <LocalTime value={o.createdAt} />
            </TableCell>
            <TableCell>
              <OrderActions orderId={o.id} kind={o.kind} status={o.status} side={side} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
