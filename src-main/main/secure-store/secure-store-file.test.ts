import { describe, expect, it } from 'vitest';
import { parseSecureStoreFile, serializeSecureStoreFile, SecureStoreFormatError } from './secure-store-file';

describe('secure store file format', () => {
  it('round-trips entries', () => {
    const entries = { refresh_token: 'AAEC', db_key: '' };
    expect(parseSecureStoreFile(serializeSecureStoreFile(entries))).toEqual(entries);
  });

  it.each([
    ['not json', /not valid JSON/],
    ['{"format":"other","version":1,"entries":{}}', /malformed at format/],
    ['{"format":"assist-ten-secure-store","version":2,"entries":{}}', /malformed at version/],
    [
      '{"format":"assist-ten-secure-store","version":1,"entries":{"db_key":"not base64!"}}',
      /malformed at entries\.db_key: must be base64/,
    ],
    ['{"format":"assist-ten-secure-store","version":1}', /malformed at entries/],
  ])('rejects %s', (text, message) => {
    expect(() => parseSecureStoreFile(text)).toThrow(SecureStoreFormatError);
    expect(() => parseSecureStoreFile(text)).toThrow(message);
  });
});
