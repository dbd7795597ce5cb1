import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { PASSWORD, openDevice, signIn, statusBar } from './support/devices';
import AxeBuilder from '@axe-core/playwright';

/*
 * Issue 5's review evidence: a proctor reviews a flagged session entirely
 * offline, in real Chromium on real IndexedDB, and once the device is back
 * online the review replicates through the real sync server: a recruiter on
 * another device sees its outcome on the application.
 */

const PROCTOR = 'proctor@demo.assist-ten.test';
const RECRUITER = 'recruiter@demo.assist-ten.test';

test.beforeAll(() => {
  expect(PASSWORD, 'playwright.config.ts sets E2E_SEED_PASSWORD').not.toBe('');
});

async function expectAccessible(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 300)).join(', ')}`),
    `axe on ${label}`,
  ).toEqual([]);
}

test('a proctor reviews a flagged session offline, and the review reaches a recruiter once back online', async ({
  browser,
}) => {
  const contexts: BrowserContext[] = [];
  const notes = `Second person seen behind the candidate (${test.info().testId})`;
  const reason = `Ask the candidate about the second person (${test.info().testId})`;
  try {
    const proctor = await openDevice(browser, contexts);
    await signIn(proctor.page, PROCTOR);
    await expect(proctor.page.getByRole('heading', { name: 'Review queue', level: 1 })).toBeVisible();
    await expect(statusBar(proctor.page)).toContainText('Online · synced');

    // The most flagged session still awaiting review.
    await proctor.page.getByLabel('Reviewed').selectOption({ label: 'Awaiting review' });
    const queue = proctor.page.getByRole('table', { name: 'Sessions to review' });
    const first = queue.getByRole('row').nth(1).getByRole('link');
    const candidate = (await first.innerText()).trim();
    await expectAccessible(proctor.page, 'the review queue');

    await proctor.context.setOffline(true);
    await expect(statusBar(proctor.page)).toContainText('Offline');
    await first.click();
    await expect(proctor.page.getByRole('heading', { name: `Review: ${candidate}`, level: 1 })).toBeVisible();
    // Questions reach proctors (without the answer key): the one on screen is shown.
    await expect(proctor.page.getByText(/question is not on this device|question bank is not/)).toHaveCount(0);
    await expectAccessible(proctor.page, 'the session review');

    // Every event, stepped through from the keyboard; each flagged one awaiting review gets notes and is marked reviewed.
    const events = proctor.page.getByRole('list', { name: 'Events in the order they happened' }).getByRole('button');
    const count = await events.count();
    const heading = proctor.page.getByRole('heading', { level: 2, name: /^Event \d+ of \d+/ });
    await heading.focus();
    await proctor.page.keyboard.press('Home');
    let reviewed = 0;
    for (let i = 0; i < count; i++) {
      await expect(heading).toHaveText(new RegExp(`^Event ${i + 1} of ${count}:`));
      const item = events.nth(i);
      const text = await item.innerText();
      if (text.includes('Flagged') && !text.includes('Reviewed')) {
        await proctor.page.keyboard.press('n');
        await proctor.page.getByLabel('Reviewer notes').fill(notes);
        await proctor.page.keyboard.press('Escape');
        await proctor.page.keyboard.press('r');
        await expect(item).toContainText('Reviewed');
        await expect(proctor.page.getByText(/^Reviewed by Priya Iyer/)).toBeVisible();
        reviewed += 1;
      }
      await proctor.page.keyboard.press('j');
    }
    expect(reviewed).toBeGreaterThan(0);

    await proctor.page.getByLabel('Reason for follow-up').fill(reason);
    await proctor.page.getByRole('button', { name: 'Flag session for follow-up' }).click();
    await expect(proctor.page.getByText(`This session is flagged for follow-up: ${reason}`)).toBeVisible();
    await expect(statusBar(proctor.page)).toContainText(/Offline · \d+ changes? waiting to sync/);

    // Back online: the review replicates without a reload.
    await proctor.context.setOffline(false);
    await expect(statusBar(proctor.page)).toContainText('Online · synced');

    // Another device: the recruiter sees the outcome on the application.
    const recruiter = await openDevice(browser, contexts);
    await signIn(recruiter.page, RECRUITER);
    await recruiter.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' }).click();
    await recruiter.page.getByLabel('Only my requisitions').uncheck();
    const application = recruiter.page
      .getByRole('table', { name: 'Applications' })
      .getByRole('row')
      .filter({ hasText: candidate })
      .filter({ hasText: reason });
    await expect(application).toHaveCount(1);
    await expect(application).toContainText(`flagged, all reviewed; session flagged for follow-up: ${reason}`);
  } finally {
    for (const context of contexts) await context.close();
  }
});
