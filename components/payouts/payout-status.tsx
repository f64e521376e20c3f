import { Badge } from '@/components/ui/badge';
import type { PayoutStatus } from '@/lib/payouts/payouts';

const STATUS: Record<
  PayoutStatus,
  { label: string; variant: 'warning' | 'secondary' | 'success' | 'destructive' | 'outline' }
> = {
  requested: { label: 'Awaiting review', variant: 'warning' },
  processing: { label: 'Sending', variant: 'secondary' },
  paid: { label: 'Paid', variant: 'success' },
  rejected: { label: 'Rejected', variant: 'destructive' },
  failed: { label: 'Failed', variant: 'destructive' },
};

export function PayoutStatusBadge({ status }: { status: PayoutStatus }) {
  return <Badge variant={STATUS[status].variant}>{STATUS[status].label}</Badge>;
}
