import type { DemoAccount } from '@shared/seed/build-seed';
import type { AppDatabase } from '../db/database';
import { roleOrder } from '../format/labels';
import { setLocalPassword } from './local-verifier';

export type { DemoAccount };

/** Demo passwords are chosen by the person loading the data; none is built into the app. */
export const DEMO_PASSWORD_MIN_LENGTH = 8;

export type DemoProgress = { step: 'importing' } | { step: 'passwords'; done: number; total: number };

/*
 * First-run demo data: the seed for every collection, plus a local password
 * verifier for each demo account so they can sign in offline. The seed
 * builder is loaded on demand: it is only needed once per device.
 */
export async function loadDemoData(
  db: AppDatabase,
  password: string,
  onProgress: (progress: DemoProgress) => void = () => {},
): Promise<DemoAccount[]> {
  if (password.length < DEMO_PASSWORD_MIN_LENGTH) {
    throw new Error(`The demo password needs at least ${DEMO_PASSWORD_MIN_LENGTH} characters`);
  }
  onProgress({ step: 'importing' });
  const [{ buildSeed }, { importSeed }] = await Promise.all([import('@shared/seed/build-seed'), import('../db/demo')]);
  const seed = buildSeed();
  await importSeed(db, seed);
  const accounts = sortAccounts(seed.accounts);
  for (const [index, account] of accounts.entries()) {
    onProgress({ step: 'passwords', done: index, total: accounts.length });
    await setLocalPassword(db, account.id, password);
  }
  onProgress({ step: 'passwords', done: accounts.length, total: accounts.length });
  return accounts;
}

/** By role (candidate first, super administrator last), then email. */
export function sortAccounts(accounts: readonly DemoAccount[]): DemoAccount[] {
  return [...accounts].sort(
    (a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.email.localeCompare(b.email),
  );
}
