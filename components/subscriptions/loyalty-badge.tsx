import { Award } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** "Subscribed N months": paid months of the current subscription. Reused in DMs and stream chat later. */
export function LoyaltyBadge({ months }: { months: number }) {
  if (months < 1) return null;
  return (
    <Badge variant={months >= 12 ? 'default' : months >= 3 ? 'success' : 'secondary'} title="Paid months">
      <Award aria-hidden /> Subscribed {months} {months === 1 ? 'month' : 'months'}
    </Badge>
  );
}
