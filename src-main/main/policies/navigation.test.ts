import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from './app-origin';
import { isNavigationAllowed } from './navigation';

describe('isNavigationAllowed', () => {
  it('allows moving within the app', () => {
    expect(isNavigationAllowed('app://assist-ten/index.html#/exam/1', APP_ORIGIN)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8787/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'app://other-host/index.html',
    'about:blank',
    'data:text/html,<script>alert(1)</script>',
  ])('refuses %s', (target) => {
    expect(isNavigationAllowed(target, APP_ORIGIN)).toBe(false);
  });

  it('in dev, allows only the dev server origin', () => {
    expect(isNavigationAllowed('http://localhost:5173/exam', 'http://localhost:5173')).toBe(true);
    expect(isNavigationAllowed('app://assist-ten/index.html', 'http://localhost:5173')).toBe(false);
  });

  it('in kiosk mode, refuses even the app itself', () => {
    expect(isNavigationAllowed('app://assist-ten/index.html#/exam/1', APP_ORIGIN, { kiosk: true })).toBe(false);
    expect(isNavigationAllowed('https://example.com/', APP_ORIGIN, { kiosk: true })).toBe(false);
  });
});
