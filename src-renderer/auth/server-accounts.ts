import { map, type Observable } from 'rxjs';
import { z } from 'zod';
import { UserRole } from '@shared/domain/enums';

/*
 * Server accounts that signed in on this device, kept in the device
 * database's local documents (never replicated) next to their password
 * verifiers: who they are and which server they belong to, so that the same
 * person can unlock offline later, before anything of theirs is open.
 */

export const ServerAccount = z.object({
  version: z.literal(1),
  serverUrl: z.string(),
  user: z.object({ id: z.string(), email: z.string(), full_name: z.string(), role: UserRole }),
  linked_at: z.string(),
});
export type ServerAccount = z.infer<typeof ServerAccount>;

const INDEX_KEY = 'server-accounts';
const accountKey = (userId: string) => `server-account:${userId}`;

type LocalData = Record<string, unknown>;
/** The small part of an RxDB database this needs (local documents). */
export interface AccountStore {
  upsertLocal(id: string, data: LocalData): Promise<unknown>;
  getLocal(id: string): Promise<{ toJSON(): { data: unknown } } | null>;
  getLocal$(id: string): Observable<{ toJSON(): { data: unknown } } | null>;
}

const Index = z.object({ ids: z.array(z.string()) });

export async function rememberServerAccount(
  store: AccountStore,
  account: Omit<ServerAccount, 'version' | 'linked_at'>,
  now = new Date(),
): Promise<void> {
  const record: ServerAccount = { version: 1, ...account, linked_at: now.toISOString() };
  await store.upsertLocal(accountKey(account.user.id), record);
  const index = Index.safeParse((await store.getLocal(INDEX_KEY))?.toJSON().data);
  const ids = new Set(index.success ? index.data.ids : []);
  if (!ids.has(account.user.id)) await store.upsertLocal(INDEX_KEY, { ids: [...ids, account.user.id] });
}

export async function findServerAccount(store: AccountStore, userId: string): Promise<ServerAccount | undefined> {
  const parsed = ServerAccount.safeParse((await store.getLocal(accountKey(userId)))?.toJSON().data);
  return parsed.success ? parsed.data : undefined;
}

/** Live: whether any server account has signed in on this device (the sign-in screen's first-run check). */
export function hasServerAccounts$(store: AccountStore): Observable<boolean> {
  return store.getLocal$(INDEX_KEY).pipe(
    map((doc) => {
      const index = Index.safeParse(doc?.toJSON().data);
      return index.success && index.data.ids.length > 0;
    }),
  );
}
