'use client';

import { Pin, PinOff, ShoppingBag } from 'lucide-react';
import Link from 'next/link';
import { useState } from 'react';
import { toast } from 'sonner';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { apiFetch } from '@/lib/http/client';
import type { PinnedProduct, StreamEvent } from '@/lib/streams/types';
import { tokensLabel } from '@/lib/subscriptions/format';

export interface PickableProduct {
  id: string;
  kind: 'digital' | 'physical';
  name: string;
  price: number;
  stock: number | null;
}

type PinResponse = { pinned: PinnedProduct | null; event: StreamEvent | null };

/**
 * The creator's product picker in the live studio: their active products with Pin / Unpin. The pinned one
 * is highlighted; viewers see the change at once (the server publishes it on the stream channel).
 */
export function ProductPinPicker({
  streamId,
  products,
  pinnedId,
  live,
  onChange,
}: {
  streamId: string;
  products: PickableProduct[];
  pinnedId: string | null;
  live: boolean;
  onChange: (r: PinResponse) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function act(productId: string | null) {
    setBusy(productId ?? 'unpin');
    setError(null);
    const r = await apiFetch<PinResponse>(
      `/api/streams/${streamId}/pin`,
      productId ? { method: 'PUT', body: { productId } } : { method: 'DELETE' },
    );
    setBusy(null);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    onChange(r.data);
    toast.success(r.data.pinned ? `Pinned ${r.data.pinned.name}` : 'Product unpinned');
  }

  return (
    <section aria-labelledby="pin-title" className="space-y-3 rounded-xl border bg-card p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="pin-title" className="text-sm font-semibold">
          Live shopping
        </h2>
        <p className="text-xs text-muted-foreground">Pin a product: viewers can buy it without leaving.</p>
      </div>
      {products.length === 0 ? (
        <div className="rounded-md border border-dashed p-4 text-center text-sm">
          <ShoppingBag aria-hidden className="mx-auto mb-2 size-6 text-muted-foreground" />
          <p className="text-muted-foreground">You have no active products to pin.</p>
          <Button asChild variant="outline" size="sm" className="mt-2">
            <Link href="/creator/shop" target="_blank" rel="noopener">
              Add a product in your shop
            </Link>
          </Button>
        </div>
      ) : (
        <ul className="max-h-72 space-y-2 overflow-y-auto" aria-label="Your products">
          {products.map((p) => {
            const pinned = p.id === pinnedId;
            const soldOut = p.stock !== null && p.stock < 1;
            return (
              <li
                key={p.id}
                className={`flex flex-wrap items-center gap-2 rounded-md border px-3 py-2 text-sm ${
                  pinned ? 'border-primary bg-primary/5' : ''
                }`}
                data-testid="pin-option"
                aria-current={pinned ? 'true' : undefined}
              >
                <div className="min-w-0 flex-1">
                  <p className="font-medium break-words">
                    {p.name}
                    {pinned ? (
                      <Badge className="ml-2" variant="default">
                        <Pin aria-hidden /> Pinned
                      </Badge>
                    ) : null}
                  </p>
                  <p className="text-xs text-muted-foreground">
                    {tokensLabel(p.price)} · {p.kind === 'digital' ? 'Digital' : 'Physical'}
                    {p.stock !== null ? ` · ${soldOut ? 'sold out' : `${p.stock} left`}` : ''}
                  </p>
                </div>
                {pinned ? (
                  <Button
                    size="sm"
                    variant="outline"
                    disabled={!live || (busy !== null && busy !== 'unpin')}
                    loading={busy === 'unpin'}
                    onClick={() => act(null)}
                    aria-label={`Unpin ${p.name}`}
                  >
                    <PinOff aria-hidden /> Unpin
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    disabled={!live || soldOut || (busy !== null && busy !== p.id)}
                    loading={busy === p.id}
                    onClick={() => act(p.id)}
                    aria-label={`Pin ${p.name}`}
                  >
                    <Pin aria-hidden /> Pin
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
    </section>
  );
}
