'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { NativeSelect } from '@/components/ui/select';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/lib/discovery/schemas';
import { apiFetch } from '@/lib/http/client';

/** The creator picks the directory category fans filter by. */
export function ListingForm({ initial }: { initial: Category | null }) {
  const [category, setCategory] = useState<string>(initial ?? '');
  const [pending, setPending] = useState(false);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    const r = await apiFetch('/api/discover/listing', { method: 'PUT', body: { category } });
    setPending(false);
    if (!r.ok) toast.error(r.error.message);
    else toast.success('Category saved');
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Directory category">
      <div className="min-w-48 flex-1 space-y-1.5">
        <Label htmlFor="listing-category">Category in the creator directory</Label>
        <NativeSelect id="listing-category" value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="" disabled>
            Pick one
          </option>
          {CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </NativeSelect>
      </div>
      <Button type="submit" variant="outline" disabled={pending || category === ''}>
        {pending ? 'Saving…' : 'Save category'}
      </Button>
    </form>
  );
}
