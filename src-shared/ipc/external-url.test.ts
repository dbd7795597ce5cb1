import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './external-url';

describe('isAllowedExternalUrl', () => {
  it.each([
    'https://assistten.io/',
    'https://example.com/a?b=c#d',
    'mailto:someone@example.com',
    'mailto:a@b.c?subject=Hi',
  ])('allows %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,x',
    'ms-msdt:/id PCWDiagnostic',
    'smb://host/share',
    'https://user:pass@example.com/',
    'mailto:',
    'HTTPS//missing-colon',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('refuses overlong URLs', () => {
    expect(isAllowedExternalUrl(`https://example.com/${'a'.repeat(2100)}`)).toBe(false);
  });
});
