import { NextResponse } from 'next/server';
import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { resolveDownload } from '@/lib/shop/download-link';

const Query = z.object({
  buyer: z.uuid(),
  expires: z.coerce.number().int().positive(),
  sig: z.string().min(10).max(100),
});

/** A signed, expiring download link (see lib/shop/download-link.ts): verified, then redirected to the file. */
export const GET = route<undefined, z.infer<typeof Query>, { id: string }>(
  { auth: 'none', query: Query },
  async ({ params, query }) => {
    if (!z.uuid().safeParse(params.id).success) throw new AppError('NOT_FOUND', 'Order not found');
    const url = await resolveDownload(params.id, query);
    return NextResponse.redirect(url, { status: 302, headers: { 'cache-control': 'no-store' } });
  },
);
