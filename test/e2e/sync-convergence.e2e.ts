import { expect, test, type BrowserContext, type Locator, type Page } from '@playwright/test';
import { PASSWORD, openDevice, signIn, statusBar } from './support/devices';

/*
 * Sign-in and replication against a real sync server (seeded by the seed
 * command on a fresh PGlite; see playwright.config.ts), in real Chromium
 * with real IndexedDB. Each browser context is a separate device. Only what
 * a user sees is asserted; Playwright's expectations wait for it.
 */

const RECRUITER = 'recruiter@demo.assist-ten.test';
const INTERVIEWER = 'interviewer@demo.assist-ten.test';
/** Interviews in the seed, all of which the recruiter sees. */
const SEEDED_INTERVIEWS = 14;

test.beforeAll(() => {
  expect(PASSWORD, 'playwright.config.ts sets E2E_SEED_PASSWORD').not.toBe('');
});

/** The candidate's name in a table row (second column on both interview screens). */
async function candidateOf(row: Locator): Promise<string> {
  return (await row.getByRole('cell').nth(1).innerText()).trim();
}

async function editNotes(page: Page, table: Locator, candidate: string, notes: string) {
  await table.getByRole('button', { name: `Edit preparation notes for ${candidate}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Preparation notes' });
  await dialog.getByLabel('Preparation notes').fill(notes);
  await dialog.getByRole('button', { name: 'Save notes' }).click();
  await expect(dialog).toHaveCount(0);
}

test('a recruiter and an interviewer edit offline, and each sees the other’s change once back online', async ({
  browser,
}) => {
  const contexts: BrowserContext[] = [];
  try {
    const recruiter = await openDevice(browser, contexts);
    const interviewer = await openDevice(browser, contexts);

    // Both sign in against the server and receive its data.
    await signIn(recruiter.page, RECRUITER);
    await recruiter.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interviews' }).click();
    const recruiterTable = recruiter.page.getByRole('table', { name: 'Interviews' });
    await expect(recruiterTable.getByRole('row')).toHaveCount(1 + SEEDED_INTERVIEWS);

    await signIn(interviewer.page, INTERVIEWER);
    const interviewerTable = interviewer.page.getByRole('table', { name: 'My interviews' });
    const interviewerRows = interviewerTable.getByRole('row');
    await expect(interviewerRows.nth(2)).toBeVisible();
    for (const { page } of [recruiter, interviewer]) await expect(statusBar(page)).toContainText('Online · synced');

    const theirs = await candidateOf(interviewerRows.nth(1));
    const mine = await candidateOf(interviewerRows.nth(2));
    const interviewerNote = `Ask about the on-call rota (interviewer, ${test.info().testId})`;
    const recruiterNote = `Candidate asked for a later slot (recruiter, ${test.info().testId})`;

    // Both lose the network.
    for (const { context, page } of [recruiter, interviewer]) {
      await context.setOffline(true);
      await expect(statusBar(page)).toContainText('Offline');
    }

    await editNotes(interviewer.page, interviewerTable, theirs, interviewerNote);
    await expect(interviewerTable.getByRole('row').filter({ hasText: theirs })).toContainText(interviewerNote);
    await expect(statusBar(interviewer.page)).toContainText('Offline · 1 change waiting to sync');

    await editNotes(recruiter.page, recruiterTable, mine, recruiterNote);
    await expect(recruiterTable.getByRole('row').filter({ hasText: mine })).toContainText(recruiterNote);
    await expect(statusBar(recruiter.page)).toContainText('Offline · 1 change waiting to sync');

    // Back online: the changes cross over, without a reload.
    for (const { context } of [recruiter, interviewer]) await context.setOffline(false);
    await expect(interviewerTable.getByRole('row').filter({ hasText: mine })).toContainText(recruiterNote);
    await expect(recruiterTable.getByRole('row').filter({ hasText: theirs })).toContainText(interviewerNote);
    for (const { page } of [recruiter, interviewer]) await expect(statusBar(page)).toContainText('Online · synced');
    // Each kept its own edit too.
    await expect(interviewerTable.getByRole('row').filter({ hasText: theirs })).toContainText(interviewerNote);
    await expect(recruiterTable.getByRole('row').filter({ hasText: mine })).toContainText(recruiterNote);
  } finally {
    for (const context of contexts) await context.close();
  }
});

test('after one online sign-in, an interviewer unlocks offline and syncs again when the network returns', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await signIn(page, INTERVIEWER);
  const table = page.getByRole('table', { name: 'My interviews' });
  await expect(table.getByRole('row').nth(2)).toBeVisible();
  const rows = await table.getByRole('row').count();
  await expect(statusBar(page)).toContainText('Online · synced');

  // A new session (sessions live in memory only), with no network this time.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await context.setOffline(true);

  await signIn(page, INTERVIEWER, 'not the password');
  await expect(page.getByRole('alert')).toHaveText('Email or password is incorrect.');
  await signIn(page, INTERVIEWER);
  await expect(table.getByRole('row')).toHaveCount(rows);
  await expect(statusBar(page)).toContainText(/Offline · last synced/);

  // The refresh token kept from the online sign-in lets sync resume on its own.
  await context.setOffline(false);
  await expect(statusBar(page)).toContainText('Online · synced');

  // Signing out forgets that token: offline unlock still works, but sync waits for an online sign-in.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await context.setOffline(true);
  await signIn(page, INTERVIEWER);
  await expect(table.getByRole('row')).toHaveCount(rows);
  await expect(statusBar(page)).toContainText('Not syncing · sign in again while online to resume');
});

test('offline, an account that never signed in on this device is told why it cannot sign in', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await context.setOffline(true);
  await signIn(page, RECRUITER);
  await expect(page.getByRole('alert')).toContainText('The sync server cannot be reached');
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
});
