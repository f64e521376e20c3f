import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { updateProduct } from '@/lib/shop/products';
import { ProductUpdateSchema } from '@/lib/shop/schemas';
import { refreshPinAfterProductChange } from '@/lib/streams/pin';

/** The creator edits a product (price, stock, active…). */
export const PATCH = route<z.infer<typeof ProductUpdateSchema>, undefined, { id: string }>(
  { auth: ['creator'], body: ProductUpdateSchema },
  async ({ viewer, params, body }) => {
    if (!viewer) return null;
    const p = z.uuid().safeParse(params.id).success
      ? await updateProduct(viewer.claims, params.id, body)
      : null;
    if (!p) throw new AppError('NOT_FOUND', 'Product not found');
    // A product pinned on the creator's live stream: viewers see the change (or the pin go) at once.
    await refreshPinAfterProductChange(viewer.claims, p);
    return { product: p };
  },
);
