import { AppError } from '@/lib/http/errors';
import { readBodyBytes, route } from '@/lib/http/route';
import { createUpload } from '@/lib/uploads/uploads';
import { allowedType, MAX_UPLOAD_BYTES } from '@/lib/uploads/validate';

export const dynamic = 'force-dynamic';

/**
 * Uploads one photo or video: the raw file as the body with its Content-Type. Larger than 10 MB → 413;
 * a type off the allow-list → 415; an empty file or bytes that are not the declared type → 422.
 */
export const POST = route(
  {
    auth: 'user',
    rateLimit: [{ name: 'uploads', key: ({ ip }) => ip, max: 30, windowMs: 60_000 }],
  },
  async ({ viewer, req }) => {
    if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
    const type = allowedType(req.headers.get('content-type'));
    const bytes = await readBodyBytes(req, MAX_UPLOAD_BYTES).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'PAYLOAD_TOO_LARGE')
        throw new AppError('PAYLOAD_TOO_LARGE', 'Files are at most 10 MB', { maxBytes: MAX_UPLOAD_BYTES });
      throw err;
    });
    return createUpload(viewer.profile.id, bytes, type);
  },
);
