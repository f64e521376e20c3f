'use client';

import { CheckCircle2, Download, Package, Pin, ShoppingBag } from 'lucide-react';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import {
  EMPTY_SHIPPING,
  type ShippingDraft,
  ShippingFields,
  shippingBody,
} from '@/components/shop/shipping-fields';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { apiFetch, fieldErrors, newIdempotencyKey } from '@/lib/http/client';
import type { PinnedProduct } from '@/lib/streams/types';
import { tokensLabel } from '@/lib/subscriptions/format';

type BuyResponse = {
  order: { id: string; status: string; kind: 'digital' | 'physical' };
  pinned: PinnedProduct | null;
  balance: number;
};

/**
 * The product the creator pinned, on the stream page. Viewers buy it here without leaving the stream
 * (POST /api/streams/[id]/buy → the shop's purchase function; one idempotency key per purchase attempt, kept
 * across a retry so a double click charges once). The creator sees the same card without the Buy button.
 */
export function PinnedProductCard({
  streamId,
  product,
  live,
  isCreator,
  onBought,
  onStale,
}: {
  streamId: string;
  product: PinnedProduct;
  live: boolean;
  isCreator: boolean;
  onBought: (r: BuyResponse) => void;
  /** The card may be out of date (sold out or turned off meanwhile): reload it. */
  onStale: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [addr, setAddr] = useState<ShippingDraft>(EMPTY_SHIPPING);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string[]>>({});
  const [bought, setBought] = useState<BuyResponse['order'] | null>(null);
  const [downloading, setDownloading] = useState(false);
  const key = useRef<string | null>(null);
  const soldOut = product.stock !== null && product.stock < 1;

  // A different product pinned: start over.
  // biome-ignore lint/correctness/useExhaustiveDependencies: product.id is the trigger, not a value read inside
  useEffect(() => {
    setOpen(false);
    setError(null);
    setFields({});
    setBought(null);
    key.current = null;
  }, [product.id]);

  async function buy() {
    if (product.kind === 'physical' && !open) {
      setOpen(true);
      setBought(null);
      return;
    }
    key.current ??= newIdempotencyKey();
    setPending(true);
    setError(null);
    const r = await apiFetch<BuyResponse>(`/api/streams/${streamId}/buy`, {
      method: 'POST',
      body: {
        productId: product.id,
        idempotencyKey: key.current,
        shippingAddress: product.kind === 'physical' ? shippingBody(addr) : null,
      },
    });
    setPending(false);
    const f = fieldErrors(r);
    setFields(Object.fromEntries(Object.entries(f).map(([k, v]) => [k.replace('shippingAddress.', ''), v])));
    if (!r.ok) {
      // A network failure keeps the key (a retry cannot charge twice); an answer ends this attempt,
      // except a form error, which the buyer fixes and resends as the same attempt.
      if (r.status !== 0 && r.error.code !== 'VALIDATION_ERROR') key.current = null;
      if (r.error.code === 'CONFLICT' || r.error.code === 'NOT_FOUND') onStale();
      // Address problems show on their fields; anything else here.
      if (!Object.keys(f).some((k) => k.startsWith('shippingAddress.'))) {
        setError({ code: r.error.code, message: r.error.message });
      }
      return;
    }
    key.current = null;
    setOpen(false);
    setAddr(EMPTY_SHIPPING);
    setBought(r.data.order);
    onBought(r.data);
    toast.success(`Bought ${product.name}`);
  }

  async function download(orderId: string) {
    setDownloading(true);
    const r = await apiFetch<{ url: string }>(`/api/orders/${orderId}/download-link`, { method: 'POST' });
    setDownloading(false);
    if (r.ok) window.open(r.data.url, '_blank', 'noopener');
    else toast.error(r.error.message);
  }

  return (
    <section
      aria-labelledby="pinned-title"
      className="space-y-3 rounded-xl border-2 border-primary/40 bg-card p-4"
      data-testid="pinned-product"
    >
      <div className="flex items-start gap-3">
        {product.imageUrl ? (
          // biome-ignore lint/performance/noImgElement: creator-supplied links on any host; next/image needs a fixed host list
          <img
            src={product.imageUrl}
            alt=""
            loading="lazy"
            referrerPolicy="no-referrer"
            className="size-16 shrink-0 rounded-md border object-cover sm:size-20"
          />
        ) : (
          <div className="flex size-16 shrink-0 items-center justify-center rounded-md border bg-muted sm:size-20">
            {product.kind === 'digital' ? (
              <Download aria-hidden className="size-6 text-muted-foreground" />
            ) : (
              <Package aria-hidden className="size-6 text-muted-foreground" />
            )}
          </div>
        )}
        <div className="min-w-0 flex-1 space-y-1">
          <p className="inline-flex items-center gap-1 text-xs font-medium text-primary">
            <Pin aria-hidden className="size-3.5" /> Pinned by the creator
          </p>
          <h2 id="pinned-title" className="font-semibold break-words">
            {product.name}
          </h2>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{tokensLabel(product.price)}</span>
            <Badge variant="outline">
              {product.kind === 'digital' ? 'Digital download' : 'Shipped to you'}
            </Badge>
            {soldOut ? (
              <Badge variant="destructive">Sold out</Badge>
            ) : product.stock !== null ? (
              <span className="text-muted-foreground" data-testid="pinned-stock">
                {product.stock} left
              </span>
            ) : null}
          </div>
        </div>
      </div>
      {product.description ? (
        <p className="line-clamp-3 text-sm whitespace-pre-line text-muted-foreground">
          {product.description}
        </p>
      ) : null}

      {bought ? (
        <div
          role="status"
          className="flex flex-wrap items-center gap-2 rounded-md bg-success/10 px-3 py-2 text-sm"
          data-testid="pinned-success"
        >
          <CheckCircle2 aria-hidden className="size-4 text-success" />
          <span className="font-medium">
            {bought.kind === 'digital'
              ? 'Bought — your download is ready.'
              : 'Ordered — the creator will ship it.'}
          </span>
          {bought.kind === 'digital' ? (
            <Button size="sm" variant="outline" loading={downloading} onClick={() => download(bought.id)}>
              <Download aria-hidden /> Download
            </Button>
          ) : null}
          <Link
            href="/orders"
            target="_blank"
            rel="noopener"
            className="font-medium underline underline-offset-4"
          >
            View order
          </Link>
        </div>
      ) : null}

      {open && !isCreator ? (
        <ShippingFields
          idPrefix={`stream-ship-${product.id}`}
          value={addr}
          onChange={setAddr}
          errors={fields}
          onClearError={(k) => setFields({ ...fields, [k]: [] })}
        />
      ) : null}

      {error ? (
        <p role="alert" className="text-sm text-destructive">
          {error.message}{' '}
          {error.code === 'INSUFFICIENT_TOKENS' ? (
            <Link
              href="/wallet"
              target="_blank"
              rel="noopener"
              className="font-medium underline underline-offset-4"
            >
              Buy tokens
            </Link>
          ) : null}
        </p>
      ) : null}

      {isCreator ? null : (
        <div className="flex flex-wrap gap-2">
          <Button className="flex-1" disabled={!live || soldOut || pending} loading={pending} onClick={buy}>
            <ShoppingBag aria-hidden />
            {soldOut
              ? 'Sold out'
              : pending
                ? 'Buying…'
                : open
                  ? `Pay ${tokensLabel(product.price)}`
                  : `Buy for ${tokensLabel(product.price)}`}
          </Button>
          {open ? (
            <Button variant="ghost" disabled={pending} onClick={() => setOpen(false)}>
              Cancel
            </Button>
          ) : null}
        </div>
      )}
    </section>
  );
}
