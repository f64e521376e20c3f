import { Award } from 'lucide-react';
import { Badge } from '@/components/ui/badge';

/** "Subscribed N months": paid months of the current subscription. Reused in DMs and stream chat later. */
export function LoyaltyBadge({ months, compact = false }: { months: number; compact?: boolean }) {
  if (months < 1) return null;
  const label = `Subscribed ${months} ${months === 1 ? 'month' : 'months'}`;
  const variant = months >= 12 ? 'default' : months >= 3 ? 'success' : 'secondary';
  // Compact (tight rows such as the inbox list): "3 mo" on screen, the full words for screen readers.
  if (compact) {
    return (
      <Badge variant={variant} title={label}>
        <Award aria-hidden />
        <span aria-hidden>{months} mo</span>
        <span className="sr-only">{label}</span>
      </Badge>
    );
  }
  return (
    <Badge variant={variant} title="Paid months">
      <Award aria-hidden /> {label}
    </Badge>
  );
}
