import 'server-only';
import { randomUUID } from 'node:crypto';
import { asService, asUser, type Claims } from '@/lib/db/tx';
import { AppError } from '@/lib/http/errors';
import { getObject, putObject, uploadStorage } from './store';
import { ALLOWED_UPLOAD_TYPES, type AllowedUploadType, checkUploadBytes } from './validate';

export interface UploadView {
  id: string;
  url: string;
  contentType: string;
  size: number;
}

/** Stores checked bytes (see validate.ts) for the user and records the upload. */
export async function createUpload(
  userId: string,
  bytes: Buffer,
  type: AllowedUploadType,
): Promise<UploadView> {
  checkUploadBytes(bytes, type);
  const id = randomUUID();
  const storage = uploadStorage();
  const objectPath = `${userId}/${id}.${ALLOWED_UPLOAD_TYPES[type]}`;
  await putObject(storage, objectPath, bytes, type);
  await asService((db) =>
    db.query(
      `insert into private.uploads (id, owner_id, storage, object_path, content_type, size_bytes)
       values ($1, $2, $3, $4, $5, $6)`,
      [id, userId, storage, objectPath, type, bytes.length],
    ),
  );
  return { id, url: `/api/uploads/${id}`, contentType: type, size: bytes.length };
}

/**
 * The bytes of an upload the caller may see (public.can_read_upload: its owner, or a participant of a
 * message carrying it — for pay-per-view only the sender and a recipient who unlocked). Anyone else gets
 * 404, whether or not the upload exists.
 */
export async function readUpload(
  claims: Claims,
  id: string,
): Promise<{ bytes: Buffer; contentType: string }> {
  const allowed = await asUser(claims, async (db) => {
    const r = await db.query<{ ok: boolean }>('select public.can_read_upload($1) as ok', [id]);
    return r.rows[0]?.ok === true;
  });
  if (!allowed) throw new AppError('NOT_FOUND', 'File not found');
  const row = await asService(async (db) => {
    const r = await db.query<{ storage: 'local' | 'supabase'; object_path: string; content_type: string }>(
      'select storage, object_path, content_type from private.uploads where id = $1',
      [id],
    );
    return r.rows[0];
  });
  if (!row) throw new AppError('NOT_FOUND', 'File not found');
  return { bytes: await getObject(row.storage, row.object_path), contentType: row.content_type };
}
