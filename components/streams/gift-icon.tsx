import { Cake, Coffee, Crown, Flower2, Gift, Heart, type LucideIcon, Rocket, Star } from 'lucide-react';
import { cn } from '@/lib/utils/cn';

/** Icons for the seeded catalog (emoji fonts are not everywhere); an unknown gift gets a generic one. */
const ICONS: Record<string, { icon: LucideIcon; className: string }> = {
  heart: { icon: Heart, className: 'text-rose-500' },
  rose: { icon: Flower2, className: 'text-red-500' },
  coffee: { icon: Coffee, className: 'text-amber-700' },
  star: { icon: Star, className: 'text-yellow-500' },
  cake: { icon: Cake, className: 'text-pink-500' },
  rocket: { icon: Rocket, className: 'text-indigo-500' },
  crown: { icon: Crown, className: 'text-amber-500' },
};

export function GiftIcon({ id, className }: { id: string; className?: string }) {
  const entry = ICONS[id] ?? { icon: Gift, className: 'text-primary' };
  const Icon = entry.icon;
  return <Icon aria-hidden className={cn('size-5', entry.className, className)} />;
}
