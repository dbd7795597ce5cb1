import { describe, expect, it } from 'vitest';
import { decideWindowOpen } from './window-open';

describe('decideWindowOpen', () => {
  it.each(['https://assistten.io/help', 'mailto:support@assistten.io'])(
    'denies the window but opens %s externally',
    (url) => {
      expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: true });
    },
  );

  it.each([
    'http://example.com/',
    'file:///C:/Windows/System32/calc.exe',
    'javascript:alert(1)',
    'app://assist-ten/index.html',
    'smb://server/share',
    'https://user:pw@example.com/',
    'ms-msdt:/id PCWDiagnostic',
  ])('denies %s outright', (url) => {
    expect(decideWindowOpen(url)).toEqual({ action: 'deny', openExternally: false });
  });

  it.each(['https://assistten.io/help', 'mailto:support@assistten.io', 'app://assist-ten/index.html'])(
    'in kiosk mode denies %s without handing it to the OS',
    (url) => {
      expect(decideWindowOpen(url, { kiosk: true })).toEqual({ action: 'deny', openExternally: false });
    },
  );
});
