import { AppError } from '@/lib/http/errors';

/** Upload rules, enforced on the server: at most 10 MB, and only these types, whose bytes must match. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export const ALLOWED_UPLOAD_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
} as const;
export type AllowedUploadType = keyof typeof ALLOWED_UPLOAD_TYPES;

/** The declared type, lower-cased and without parameters, when it is on the allow-list (else 415). */
export function allowedType(contentType: string | null): AllowedUploadType {
  const t = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(t in ALLOWED_UPLOAD_TYPES)) {
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Only ${Object.keys(ALLOWED_UPLOAD_TYPES).join(', ')} files can be sent`,
      { allowed: Object.keys(ALLOWED_UPLOAD_TYPES) },
    );
  }
  return t as AllowedUploadType;
}

const startsWith = (b: Buffer, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);

/** Whether the first bytes are what the declared type says (a renamed file or a script is refused). */
export function bytesMatchType(bytes: Buffer, type: AllowedUploadType): boolean {
  switch (type) {
    case 'image/jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'image/png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'image/gif':
      return (
        bytes.subarray(0, 6).toString('latin1') === 'GIF87a' ||
        bytes.subarray(0, 6).toString('latin1') === 'GIF89a'
      );
    case 'image/webp':
      return (
        bytes.subarray(0, 4).toString('latin1') === 'RIFF' &&
        bytes.subarray(8, 12).toString('latin1') === 'WEBP'
      );
    case 'video/mp4':
      return bytes.subarray(4, 8).toString('latin1') === 'ftyp';
    case 'video/webm':
      return startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]);
  }
}

/** 422 for an empty file or bytes that are not the declared type. */
export function checkUploadBytes(bytes: Buffer, type: AllowedUploadType): void {
  if (bytes.length === 0) throw new AppError('VALIDATION_ERROR', 'The file is empty');
  if (!bytesMatchType(bytes, type)) {
    throw new AppError('VALIDATION_ERROR', `The file is not a valid ${type} file`);
  }
}
