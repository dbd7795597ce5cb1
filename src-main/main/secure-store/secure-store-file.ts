import { z } from 'zod';

/*
 * On-disk format of the secure store: a small JSON document whose values are
 * base64 ciphertexts produced by the OS-backed cipher (Electron safeStorage).
 * Plaintext never touches the disk. Entries under names this version does not
 * know are kept as they are, so a downgrade does not wipe a newer app's data.
 */

export const SECURE_STORE_FORMAT = 'assist-ten-secure-store';
export const SECURE_STORE_VERSION = 1;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');

const fileSchema = z.object({
  format: z.literal(SECURE_STORE_FORMAT),
  version: z.literal(SECURE_STORE_VERSION),
  entries: z.record(z.string().min(1).max(64), base64),
});

export type SecureStoreEntries = Record<string, string>;

export class SecureStoreFormatError extends Error {
  override name = 'SecureStoreFormatError';
}

export function parseSecureStoreFile(text: string): SecureStoreEntries {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SecureStoreFormatError('secure store file is not valid JSON');
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.map(String).join('.') : 'file';
    throw new SecureStoreFormatError(
      `secure store file is malformed at ${where}: ${first?.message ?? 'unknown problem'}`,
    );
  }
  return parsed.data.entries;
}

export function serializeSecureStoreFile(entries: SecureStoreEntries): string {
  return `${JSON.stringify({ format: SECURE_STORE_FORMAT, version: SECURE_STORE_VERSION, entries }, null, 2)}\n`;
}
