// @vitest-environment jsdom
import '../test-support/jsdom-polyfills';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryHistory } from '@tanstack/react-router';
import type { ComponentProps } from 'react';
import { openDatabase, type AppDatabase } from '../db/database';
import { memoryStorage } from '../db/storage';
import { repo } from '../db/repository';
import {
  DEVICE_DATABASE,
  createDatabaseSwitcher,
  databaseNameFor,
  type DatabaseSwitcher,
} from '../data/database-switcher';
import type { AuthService } from '../auth/auth-service';
import type { SyncTarget } from '../sync/sync-controller';
import { useSessionStore } from '../state/session-store';
import { App } from './App';
import { createAppRouter } from './router';

/*
 * The renderer end to end in jsdom, on in-memory RxDB: first run, demo data,
 * sign-in, the recruiter's live requisitions, role guards and sign-out.
 */

const PASSWORD = 'correct horse battery';
/** Generous upper bound for steps that run scrypt or reopen the database; not a timing requirement. */
const SLOW = { timeout: 20_000 };
const RECRUITER = 'recruiter@demo.assist-ten.test';

let databases: DatabaseSwitcher;
let openedWith: string[][];
let openedNames: string[];
const detached: AppDatabase[] = [];

beforeEach(() => {
  const storage = memoryStorage();
  // Each test gets databases of its own; the app's name for them (device or per account) is kept as a suffix.
  const prefix = `app-${crypto.randomUUID()}`;
  openedWith = [];
  openedNames = [];
  detached.length = 0;
  databases = createDatabaseSwitcher(
    (collections, name) => {
      openedWith.push([...collections]);
      openedNames.push(name);
      return openDatabase({ name: `${prefix}-${name}`, storage, collections });
    },
    { beforeClose: async (db) => void detached.push(db) },
  );
  useSessionStore.setState({ user: null, signedInAt: null });
});

afterEach(async () => {
  cleanup();
  await databases.close();
});

function renderApp(path = '/', extra: Partial<Pick<ComponentProps<typeof App>, 'authService' | 'sync'>> = {}) {
  const router = createAppRouter(createMemoryHistory({ initialEntries: [path] }));
  render(<App router={router} databases={databases} {...extra} />);
  return router;
}

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label, { exact: true }), { target: { value } });
}

async function loadDemoData() {
  fireEvent.click(await screen.findByRole('button', { name: 'Load demo data' }, SLOW));
  type('Demo password', PASSWORD);
  fireEvent.click(screen.getByRole('button', { name: 'Create demo accounts' }));
  return screen.findByRole('list', { name: 'Demo accounts' }, SLOW);
}

async function signIn(email: string, password: string) {
  type('Email', email);
  type('Password', password);
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('App', () => {
  it('returns focus to "Load demo data" when its dialog is cancelled with Escape', async () => {
    renderApp();
    const opener = await screen.findByRole('button', { name: 'Load demo data' }, SLOW);
    opener.focus();
    fireEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Load demo data' });
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Load demo data' })).toBeNull());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Load demo data' })));
  });

  it('loads demo data, signs a recruiter in and shows the requisitions live', async () => {
    renderApp();
    const accounts = await loadDemoData();
    const roles = within(accounts)
      .getAllByRole('listitem')
      .map((item) => item.textContent);
    for (const role of ['Candidate', 'Recruiter', 'Interviewer', 'Proctor', 'Administrator', 'Super administrator']) {
      expect(roles.some((text) => text?.startsWith(role))).toBe(true);
    }
    expect(within(accounts).getByText(RECRUITER)).toBeTruthy();
    // Users now exist: the first-run offer is gone.
    expect(screen.queryByRole('button', { name: 'Load demo data' })).toBeNull();

    await signIn(RECRUITER, PASSWORD);
    const nav = await screen.findByRole('navigation', { name: 'Main' }, SLOW);
    expect(within(nav).getByRole('link', { name: 'Requisitions' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText('Rania Haddad')).toBeTruthy();
    expect(screen.getByText('Local data only · not synced with a server')).toBeTruthy();

    const table = await screen.findByRole('table', { name: /^Requisitions/ }, SLOW);
    const seeded = within(table).getAllByRole('row').length;
    expect(seeded).toBeGreaterThan(1);
    // The window narrowed to the recruiter's collections.
    expect(openedWith.at(-1)).not.toContain('answers');

    // A requisition written by anyone (sync, another screen) appears without a reload.
    const db = await databases.switchTo({ name: DEVICE_DATABASE, collections: openedWith.at(-1)! as never });
    await repo(db, 'job_requisition').create({
      title: 'Site Reliability Engineer',
      description: 'On call',
      created_by: 'usr_x',
    });
    expect(await within(table).findByText('Site Reliability Engineer', undefined, SLOW)).toBeTruthy();
    expect(within(table).getAllByRole('row')).toHaveLength(seeded + 1);

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' }, SLOW)).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('refuses a wrong password with an announced message', async () => {
    renderApp();
    await loadDemoData();
    await signIn('interviewer@demo.assist-ten.test', 'not the password');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Email or password is incorrect.'), SLOW);
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });

  it('sends a signed-out visitor to sign-in and a role to its own home', async () => {
    const router = renderApp('/recruiter/requisitions');
    expect(await screen.findByRole('heading', { name: 'Sign in' }, SLOW)).toBeTruthy();
    await loadDemoData();
    await signIn('interviewer@demo.assist-ten.test', PASSWORD);
    expect(await screen.findByRole('heading', { name: 'My interviews' }, SLOW)).toBeTruthy();

    await router.navigate({ to: '/recruiter/requisitions' });
    expect(await screen.findByRole('heading', { name: 'My interviews' }, SLOW)).toBeTruthy();
    expect(router.state.location.pathname).toBe('/interviewer/interviews');
  });

  it('opens a server account’s own database, replicates into it while signed in, and stops before it closes', async () => {
    const ines = {
      id: 'usr_ines',
      email: 'ines@example.org',
      full_name: 'Ines Duarte',
      role: 'interviewer' as const,
      server: 'http://sync.test',
    };
    const signedOut: string[] = [];
    const serverAuth = (): AuthService => ({
      signIn: async () => ines,
      signOut: async (user) => void signedOut.push(user.id),
    });
    const attached: SyncTarget[] = [];
    renderApp('/', { authService: serverAuth, sync: { attach: async (target) => void attached.push(target) } });
    await screen.findByRole('heading', { name: 'Sign in' }, SLOW);
    await signIn(ines.email, 'any password the fake accepts');
    expect(await screen.findByRole('heading', { name: 'My interviews' }, SLOW)).toBeTruthy();

    expect(openedNames).toEqual([DEVICE_DATABASE, databaseNameFor(ines)]);
    await waitFor(() => expect(attached.length).toBeGreaterThan(0));
    expect(attached.at(-1)).toMatchObject({ userId: 'usr_ines', role: 'interviewer' });
    const userDb = attached.at(-1)!.db;
    expect(Object.keys(userDb.collections).sort()).toEqual([...openedWith.at(-1)!].sort());

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('heading', { name: 'Sign in' }, SLOW)).toBeTruthy();
    expect(signedOut).toEqual(['usr_ines']);
    // The switcher let replication stop before the account's database closed.
    expect(detached).toContain(userDb);
    expect(openedNames.at(-1)).toBe(DEVICE_DATABASE);
  });
});
