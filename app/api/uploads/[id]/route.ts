import { z } from 'zod';
import { AppError } from '@/lib/http/errors';
import { route } from '@/lib/http/route';
import { readUpload } from '@/lib/uploads/uploads';

export const dynamic = 'force-dynamic';

/** Serves an upload to who may see it (owner, or a participant of a message carrying it; PPV after unlock). */
export const GET = route({ auth: 'user' }, async ({ viewer, params }) => {
  if (!viewer) throw new AppError('AUTH_REQUIRED', 'Sign in to continue');
  const id = z.uuid().safeParse((params as { id?: string }).id);
  if (!id.success) throw new AppError('NOT_FOUND', 'File not found');
  const file = await readUpload(viewer.claims, id.data);
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      'content-type': file.contentType,
      'content-length': String(file.bytes.length),
      // Private: per-user access, never cached by shared caches.
      'cache-control': 'private, max-age=300',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
    },
  });
});
