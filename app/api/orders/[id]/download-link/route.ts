import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { createDownloadLink } from '@/lib/shop/download-link';

/** A fresh, time-limited download link for the buyer of a digital order. */
export const POST = route<undefined, undefined, { id: string }>(
  { auth: 'user' },
  async ({ viewer, params }) => {
    if (!viewer) return null;
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Order not found');
    return createDownloadLink(viewer.claims, params.id);
  },
);
