import 'server-only';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * Where upload bytes live: Supabase Storage (a private bucket, reached with the service role key) when
 * Supabase is configured, else the local `.data/uploads` folder. Nobody reads either directly: the bytes
 * are served by /api/uploads/[id] after its access check.
 */
export type StorageKind = 'local' | 'supabase';

export function uploadStorage(): StorageKind {
  const e = env();
  return e.raw.NEXT_PUBLIC_SUPABASE_URL && e.raw.SUPABASE_SERVICE_ROLE_KEY ? 'supabase' : 'local';
}

function localRoot(): string {
  return path.join(process.cwd(), '.data', 'uploads');
}

function localPath(objectPath: string): string {
  const root = localRoot();
  const full = path.resolve(root, objectPath);
  if (!full.startsWith(root + path.sep)) throw new RangeError('Upload path escapes the upload folder');
  return full;
}

function supabaseObjectUrl(objectPath: string): { url: string; key: string } {
  const e = env().raw;
  const base = e.NEXT_PUBLIC_SUPABASE_URL;
  const key = e.SUPABASE_SERVICE_ROLE_KEY;
  if (!base || !key) throw new Error('Supabase Storage is not configured');
  const bucket = e.SUPABASE_STORAGE_BUCKET ?? 'message-media';
  return { url: `${base.replace(/\/$/, '')}/storage/v1/object/${bucket}/${objectPath}`, key };
}

export async function putObject(
  kind: StorageKind,
  objectPath: string,
  bytes: Buffer,
  type: string,
): Promise<void> {
  if (kind === 'local') {
    const full = localPath(objectPath);
    await mkdir(path.dirname(full), { recursive: true });
    await writeFile(full, bytes, { flag: 'wx' });
    return;
  }
  const { url, key } = supabaseObjectUrl(objectPath);
  const res = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, apikey: key, 'content-type': type, 'x-upsert': 'false' },
    body: new Uint8Array(bytes),
  });
  if (!res.ok) throw new Error(`Supabase Storage upload failed: ${res.status} ${await res.text()}`);
}

export async function getObject(kind: StorageKind, objectPath: string): Promise<Buffer> {
  if (kind === 'local') return readFile(localPath(objectPath));
  const { url, key } = supabaseObjectUrl(objectPath);
  const res = await fetch(url, { headers: { authorization: `Bearer ${key}`, apikey: key } });
  if (!res.ok) throw new Error(`Supabase Storage download failed: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}
