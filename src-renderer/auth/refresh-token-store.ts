import { z } from 'zod';
import type { AssistTenBridge } from '@shared/ipc/bridge';

/*
 * Where the refresh token waits between sign-ins, so that sync can resume
 * after an offline unlock without the password. One token per window: the
 * last account that signed in online, with the server it belongs to.
 *
 * - Electron: the OS keychain, through the main process (`secure-store:*`,
 *   key 'refresh_token'); the renderer never sees the key material.
 * - Browser build: localStorage. This is weaker: any script running on the
 *   app's origin can read it, and it sits unencrypted in the browser profile.
 *   Browsers offer nothing better to a page; the token is only as good as the
 *   server's refresh-token rotation (a stolen, then reused token revokes its
 *   whole family) and its expiry.
 */

export const StoredRefreshToken = z.object({
  serverUrl: z.string(),
  userId: z.string(),
  token: z.string().min(20).max(200),
});
export type StoredRefreshToken = z.infer<typeof StoredRefreshToken>;

export interface RefreshTokenStore {
  load(): Promise<StoredRefreshToken | undefined>;
  save(value: StoredRefreshToken): Promise<void>;
  clear(): Promise<void>;
}

function parse(raw: string | null | undefined): StoredRefreshToken | undefined {
  if (!raw) return undefined;
  try {
    const parsed = StoredRefreshToken.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function secureStoreTokens(bridge: AssistTenBridge): RefreshTokenStore {
  return {
    async load() {
      return parse((await bridge.invoke('secure-store:get', { key: 'refresh_token' })).value);
    },
    async save(value) {
      await bridge.invoke('secure-store:set', { key: 'refresh_token', value: JSON.stringify(value) });
    },
    async clear() {
      await bridge.invoke('secure-store:delete', { key: 'refresh_token' });
    },
  };
}

export const BROWSER_TOKEN_KEY = 'assist-ten:refresh-token';

export function browserStorageTokens(storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>): RefreshTokenStore {
  return {
    async load() {
      return parse(storage.getItem(BROWSER_TOKEN_KEY));
    },
    async save(value) {
      storage.setItem(BROWSER_TOKEN_KEY, JSON.stringify(value));
    },
    async clear() {
      storage.removeItem(BROWSER_TOKEN_KEY);
    },
  };
}

/** Applies saves and clears in the order they were asked for, so a clear is never overtaken by an earlier save. */
export function inOrder(store: RefreshTokenStore): RefreshTokenStore {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(step: () => Promise<T>): Promise<T> => {
    const next = queue.then(step, step);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    load: () => enqueue(() => store.load()),
    save: (value) => enqueue(() => store.save(value)),
    clear: () => enqueue(() => store.clear()),
  };
}
