'use client';

import { Download, Package, ShoppingBag } from 'lucide-react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { toast } from 'sonner';
import {
  EMPTY_SHIPPING,
  type ShippingDraft,
  ShippingFields,
  shippingBody,
} from '@/components/shop/shipping-fields';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { apiFetch, fieldErrors, newIdempotencyKey } from '@/lib/http/client';
import { tokensLabel } from '@/lib/subscriptions/format';

export interface ProductView {
  id: string;
  kind: 'digital' | 'physical';
  name: string;
  description: string;
  imageUrls: string[];
  price: number;
  stock: number | null;
}

type Viewer = { kind: 'anonymous' } | { kind: 'self' } | { kind: 'fan' };

function ProductCard({ p, viewer, username }: { p: ProductView; viewer: Viewer; username: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [addr, setAddr] = useState<ShippingDraft>(EMPTY_SHIPPING);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  // One key per purchase attempt: a double click or retry returns the same order.
  const key = useRef<string | null>(null);
  const soldOut = p.stock !== null && p.stock < 1;

  async function buy() {
    if (p.kind === 'physical' && !open) {
      setOpen(true);
      return;
    }
    key.current ??= newIdempotencyKey();
    setPending(true);
    setError(null);
    const r = await apiFetch<{ order: { id: string } }>(`/api/shop/products/${p.id}/purchase`, {
      method: 'POST',
      body: {
        idempotencyKey: key.current,
        shippingAddress: p.kind === 'physical' ? shippingBody(addr) : null,
      },
    });
    setPending(false);
    const f = fieldErrors(r);
    setFields(Object.fromEntries(Object.entries(f).map(([k, v]) => [k.replace('shippingAddress.', ''), v])));
    if (!r.ok) {
      setError(r.error.message);
      if (r.error.code !== 'VALIDATION_ERROR') key.current = null;
      return;
    }
    key.current = null;
    setOpen(false);
    toast.success(`Bought ${p.name}`, {
      action: { label: 'View order', onClick: () => router.push('/orders') },
    });
    router.refresh();
  }

  return (
    <Card className="flex h-full flex-col" data-testid="product">
      <CardHeader>
        <div className="flex flex-wrap items-center gap-2">
          <CardTitle as="h3" className="text-base">
            {p.name}
          </CardTitle>
          <Badge variant="outline">
            {p.kind === 'digital' ? <Download aria-hidden /> : <Package aria-hidden />}
            {p.kind === 'digital' ? 'Digital' : 'Shipped'}
          </Badge>
        </div>
        <CardDescription>
          {tokensLabel(p.price)}
          {p.stock !== null ? ` · ${soldOut ? 'sold out' : `${p.stock} left`}` : ''}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-3">
        {p.imageUrls[0] ? (
          // biome-ignore lint/performance/noImgElement: creator-supplied links on any host; next/image needs a fixed host list
          <img
            src={p.imageUrls[0]}
            alt={`${p.name}`}
            loading="lazy"
            referrerPolicy="no-referrer"
            className="aspect-video w-full rounded-md border object-cover"
          />
        ) : null}
        {p.description ? <p className="whitespace-pre-line text-sm">{p.description}</p> : null}
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>
              <p>
                {error}{' '}
                {/Insufficient/i.test(error) ? (
                  <Link href="/wallet" className="underline">
                    Buy tokens
                  </Link>
                ) : null}
              </p>
            </AlertDescription>
          </Alert>
        ) : null}
        {open ? (
          <ShippingFields
            idPrefix={`ship-${p.id}`}
            value={addr}
            onChange={setAddr}
            errors={fields}
            onClearError={(k) => setFields({ ...fields, [k]: [] })}
          />
        ) : null}
        <div className="mt-auto">
          {viewer.kind === 'anonymous' ? (
            <Button asChild variant="outline" className="w-full">
              <Link href={`/signin?next=${encodeURIComponent(`/creators/${username}`)}`}>Sign in to buy</Link>
            </Button>
          ) : viewer.kind === 'self' ? null : (
            <Button className="w-full" disabled={pending || soldOut} onClick={buy}>
              <ShoppingBag aria-hidden />
              {soldOut
                ? 'Sold out'
                : pending
                  ? 'Buying…'
                  : open
                    ? `Pay ${tokensLabel(p.price)}`
                    : `Buy for ${tokensLabel(p.price)}`}
            </Button>
          )}
        </div>
      </CardContent>
    </Card>
  );
}

/** The creator's shop on their profile. */
export function ProductGrid({
  products,
  viewer,
  username,
}: {
  products: ProductView[];
  viewer: Viewer;
  username: string;
}) {
  return (
    <section aria-labelledby="shop-heading" className="space-y-3">
      <h2 id="shop-heading" className="text-xl font-semibold tracking-tight">
        Shop
      </h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {products.map((p) => (
          <li key={p.id}>
            <ProductCard p={p} viewer={viewer} username={username} />
          </li>
        ))}
      </ul>
    </section>
  );
}
