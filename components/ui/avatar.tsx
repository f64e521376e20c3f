import type * as React from 'react';
import { cn } from '@/lib/utils/cn';

const sizes = {
  sm: { px: 32, className: 'size-8 text-xs' },
  default: { px: 40, className: 'size-10 text-sm' },
  lg: { px: 56, className: 'size-14 text-base' },
} as const;

export type AvatarSize = keyof typeof sizes;

export type AvatarProps = Omit<React.ComponentProps<'span'>, 'children'> & {
  /** Display name: used for the image alt text and to derive initials. */
  name: string;
  /** Image URL. When missing or empty, initials are shown instead. */
  src?: string | null;
  size?: AvatarSize;
};

/** "Ada Lovelace" → "AL", "prince" → "P", "" → "?" */
export function initialsFrom(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const letters = [first, last].map((w) => (w ? (Array.from(w)[0] ?? '') : '')).join('');
  return letters.toUpperCase();
}

export function Avatar({ name, src, size = 'default', className, ...props }: AvatarProps) {
  const { px, className: sizeClass } = sizes[size];
  return (
    <span
      className={cn(
        'relative inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full bg-accent font-medium text-accent-foreground select-none',
        sizeClass,
        className,
      )}
      {...props}
    >
      {src ? (
        // Plain <img>: avatar URLs come from arbitrary user storage hosts, so next/image remotePatterns don't fit.
        // biome-ignore lint/performance/noImgElement: see above.
        <img
          src={src}
          alt={name}
          width={px}
          height={px}
          loading="lazy"
          decoding="async"
          className="size-full object-cover"
        />
      ) : (
        <>
          <span aria-hidden="true">{initialsFrom(name)}</span>
          <span className="sr-only">{name}</span>
        </>
      )}
    </span>
  );
}
