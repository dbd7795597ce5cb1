/*
 * Which URLs the app may hand to the operating system (default browser or
 * mail client). Shared by the IPC contract (renderer requests) and the main
 * process window-open policy, so both enforce one allow-list.
 */

export const EXTERNAL_URL_SCHEMES = ['https:', 'mailto:'] as const;
export const EXTERNAL_URL_MAX_LENGTH = 2048;

export function isAllowedExternalUrl(value: string): boolean {
  if (value.length > EXTERNAL_URL_MAX_LENGTH) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (!(EXTERNAL_URL_SCHEMES as readonly string[]).includes(url.protocol)) return false;
  if (url.protocol === 'https:') {
    // Credentials in a link are a classic phishing trick ("https://bank.com@evil.example").
    return url.hostname !== '' && url.username === '' && url.password === '';
  }
  return url.pathname !== '';
}
