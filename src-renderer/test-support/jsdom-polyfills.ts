/*
 * jsdom lacks CSS.escape, which React Aria calls (reading CSP nonces, radio
 * groups). Import this first in jsdom tests that render React Aria components.
 * The escape follows CSSOM's "serialize an identifier" closely enough for tests.
 */
const css = ((globalThis as { CSS?: Partial<typeof CSS> }).CSS ??= {});
css.escape ??= (value: string) =>
  String(value).replace(/^-?\d|[^\w-]/g, (char, offset: number) =>
    offset === 0 && /\d/.test(char) ? `\\${char.charCodeAt(0).toString(16)} ` : `\\${char}`,
  );
