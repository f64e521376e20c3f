'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Alert, AlertDescription } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { NativeSelect } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { apiFetch, fieldErrors } from '@/lib/http/client';

/** Add a product: digital (file link, never shown to anyone) or physical (shipping address at checkout). */
export function ProductForm() {
  const router = useRouter();
  const [f, setF] = useState({
    kind: 'digital',
    name: '',
    description: '',
    price: '',
    stock: '',
    downloadUrl: '',
    image: '',
  });
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const r = await apiFetch('/api/shop/products', {
      method: 'POST',
      body: {
        kind: f.kind,
        name: f.name,
        description: f.description,
        price: f.price.trim() === '' ? Number.NaN : Number(f.price),
        stock: f.stock.trim() === '' ? null : Number(f.stock),
        downloadUrl: f.kind === 'digital' ? f.downloadUrl.trim() || null : null,
        imageUrls: f.image.trim() ? [f.image.trim()] : [],
      },
    });
    setPending(false);
    setErrors(fieldErrors(r));
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setF({ kind: f.kind, name: '', description: '', price: '', stock: '', downloadUrl: '', image: '' });
    toast.success('Product added');
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-3" noValidate aria-label="New product">
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Type" error={errors.kind}>
          <NativeSelect
            id="product-kind"
            value={f.kind}
            onChange={(e) => setF({ ...f, kind: e.target.value })}
          >
            <option value="digital">Digital download</option>
            <option value="physical">Physical (shipped)</option>
          </NativeSelect>
        </FormField>
        <FormField label="Name" error={errors.name} required className="sm:col-span-2">
          <Input
            id="product-name"
            value={f.name}
            onChange={(e) => setF({ ...f, name: e.target.value })}
            maxLength={100}
          />
        </FormField>
      </div>
      <FormField label="Description" error={errors.description}>
        <Textarea
          id="product-description"
          rows={2}
          value={f.description}
          onChange={(e) => setF({ ...f, description: e.target.value })}
        />
      </FormField>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField label="Price (tokens)" error={errors.price} required>
          <Input
            id="product-price"
            inputMode="numeric"
            value={f.price}
            onChange={(e) => setF({ ...f, price: e.target.value })}
          />
        </FormField>
        <FormField label="Stock" error={errors.stock} description="Empty = unlimited">
          <Input
            id="product-stock"
            inputMode="numeric"
            value={f.stock}
            onChange={(e) => setF({ ...f, stock: e.target.value })}
          />
        </FormField>
        <FormField
          label="Image link"
          error={errors['imageUrls.0'] ?? errors.imageUrls}
          description="Optional"
        >
          <Input
            id="product-image"
            type="url"
            value={f.image}
            onChange={(e) => setF({ ...f, image: e.target.value })}
          />
        </FormField>
      </div>
      {f.kind === 'digital' ? (
        <FormField
          label="File link"
          error={errors.downloadUrl}
          required
          description="Buyers get a signed link valid for 15 minutes; the address itself is never shown."
        >
          <Input
            id="product-file"
            type="url"
            value={f.downloadUrl}
            onChange={(e) => setF({ ...f, downloadUrl: e.target.value })}
          />
        </FormField>
      ) : null}
      <Button type="submit" disabled={pending}>
        {pending ? 'Adding…' : 'Add product'}
      </Button>
    </form>
  );
}
