'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { apiFetch } from '@/lib/http/client';

/** A creator's price per fan message (0 = free). */
export function MessagePriceForm({ initial }: { initial: number }) {
  const [value, setValue] = useState(String(initial));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function save(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    const price = Number(value);
    if (!Number.isInteger(price) || price < 0 || price > 10000) {
      setError('Enter a whole number from 0 to 10000.');
      return;
    }
    setSaving(true);
    const r = await apiFetch<{ price: number }>('/api/messages/settings', { method: 'PUT', body: { price } });
    setSaving(false);
    if (!r.ok) {
      setError(r.error.details?.fields?.price?.[0] ?? r.error.message);
      return;
    }
    setValue(String(r.data.price));
    toast.success(
      r.data.price > 0 ? `Fans now pay ${r.data.price} tokens per message` : 'Messages from fans are free',
    );
  }
  return (
    <form onSubmit={save} className="flex flex-wrap items-end gap-2" aria-label="Message price">
      <div className="space-y-1">
        <Label htmlFor="message-price">Price per message from a fan (tokens)</Label>
        <Input
          id="message-price"
          inputMode="numeric"
          className="w-32"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'message-price-error' : 'message-price-hint'}
          onChange={(e) => setValue(e.target.value.replace(/[^0-9]/g, ''))}
        />
      </div>
      <Button type="submit" variant="outline" disabled={saving}>
        {saving ? 'Saving…' : 'Save price'}
      </Button>
      {error ? (
        <p id="message-price-error" role="alert" className="w-full text-sm text-destructive">
          {error}
        </p>
      ) : (
        <p id="message-price-hint" className="w-full text-xs text-muted-foreground">
          0 means free. You keep 80%; the platform fee is 20%.
        </p>
      )}
    </form>
  );
}
