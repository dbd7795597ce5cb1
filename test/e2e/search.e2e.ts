import { randomUUID } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AdminApi, expect, test } from './support/exam-server';

/*
 * The search, by keyboard only, as a recruiter on the seeded server: Ctrl+K
 * from any screen, a name typed with a typo, the arrow keys to the result,
 * Enter to its screen, whose heading then has focus. What the recruiter's
 * device receives by sync while signed in is found too, and a question opens
 * in a preview without its answer key.
 */

const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';
const RECRUITER = 'recruiter@demo.assist-ten.test';
const SHOTS = process.env.E2E_SHOTS_DIR;

test.use({ viewport: { width: 1280, height: 800 } });

async function signInAsRecruiter(page: Page) {
  await page.goto('/');
  await page.getByLabel('Email').fill(RECRUITER);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('contentinfo', { name: 'Sync status' })).toContainText('Online · synced');
}

async function openSearch(page: Page) {
  await page.keyboard.press('Control+k');
  const field = page.getByRole('combobox', { name: 'Search this device' });
  await expect(field).toBeFocused();
  return field;
}

/** Presses ArrowDown until the active result (aria-activedescendant) is the one wanted; fails if it never is. */
async function arrowTo(page: Page, title: string, kind: string) {
  const field = page.getByRole('combobox', { name: 'Search this device' });
  const wanted = page.getByRole('option').filter({ hasText: title }).filter({ hasText: kind }).first();
  await expect(wanted).toBeVisible();
  const wantedId = await wanted.getAttribute('id');
  for (let presses = 0; presses < 20; presses++) {
    if ((await field.getAttribute('aria-activedescendant')) === wantedId) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`“${title}” (${kind}) never became the active result`);
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.html.slice(0, 200)).join(', ')}`),
    label,
  ).toEqual([]);
}

/** One letter dropped from the middle of the longest word: a typo the search must forgive. */
function withTypo(name: string): string {
  const words = name.split(' ');
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const at = Math.floor(longest.length / 2);
  return words.map((w) => (w === longest ? w.slice(0, at) + w.slice(at + 1) : w)).join(' ');
}

test('Ctrl+K finds a candidate despite a typo and opens the screen that lists them, by keyboard alone', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const recruiter = await AdminApi.signIn(RECRUITER);
  const candidates = await recruiter.pull('candidates', 'candidate');
  // A name of its own (the seed repeats some) with a word long enough to forgive a typo in.
  const names = candidates.map((c) => c.full_name);
  const name = names.find((n) => names.filter((m) => m === n).length === 1 && /\S{6,}/.test(n))!;

  await signInAsRecruiter(page);
  const field = await openSearch(page);
  await page.keyboard.type(withTypo(name));
  await arrowTo(page, name, 'Candidate');
  await expect(page.getByRole('status').filter({ hasText: /results?$/ })).toBeVisible();
  await expectNoSeriousViolations(page, 'the search dialog with results');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/search-results.png` });
  await page.keyboard.press('Enter');

  await expect(field).toHaveCount(0);
  const heading = page.getByRole('heading', { level: 1, name: 'Applications' });
  await expect(heading).toBeFocused();
  expect(new URL(page.url()).hash).toBe('#/recruiter/applications');
  await expect(page.getByRole('table', { name: 'Applications' })).toContainText(name);

  // From another screen: a requisition, by the start of its words with a typo in one.
  await openSearch(page);
  await page.keyboard.type('backnd engin');
  await arrowTo(page, 'Backend Engineer', 'Requisition');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Requisitions' })).toBeFocused();

  // Escape closes the dialog and gives focus back to where it was.
  await openSearch(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Requisitions' })).toBeFocused();
});

test('what sync brings while signed in is found, and a question opens in a preview without its answer key', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signInAsRecruiter(page);

  // The recruiter's other device (here the API) adds a candidate; this one receives it through its live stream.
  const colleague = await AdminApi.signIn(RECRUITER);
  const surname = `Quarterman${randomUUID().slice(0, 4)}`;
  await colleague.create('candidates', 'candidate', 'candidate_id', {
    candidate_id: randomUUID(),
    full_name: `Zephyrine ${surname}`,
    email: `zephyrine.${surname.toLowerCase()}@example.org`,
    skills: [],
  });
  await openSearch(page);
  await page.keyboard.type('zephyr');
  await expect(page.getByRole('option', { name: new RegExp(`Zephyrine ${surname}`) })).toBeVisible({
    timeout: 15_000,
  });
  await page.keyboard.press('Escape');

  // A question: the seed's TypeScript set asks which utility type makes every property optional.
  await openSearch(page);
  await page.keyboard.type('utility type optional');
  await arrowTo(page, 'Which utility type makes every property of T optional?', 'Question');
  await page.keyboard.press('Enter');
  const preview = page.getByRole('dialog', { name: 'Question' });
  await expect(preview.getByRole('heading', { name: 'Question' })).toBeFocused();
  await expect(preview.getByRole('list', { name: 'Options' }).getByRole('listitem')).toHaveText([
    /Required<T>/,
    /Partial<T>/,
    /Pick<T, K>/,
    /Record<K, T>/,
  ]);
  await expect(preview).not.toContainText(/correct/i);
  await expectNoSeriousViolations(page, 'the question preview');
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/search-question-preview.png` });
  await page.keyboard.press('Tab');
  await expect(preview.getByRole('button', { name: 'Back to the results' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('combobox', { name: 'Search this device' })).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Search this device' })).toHaveValue('utility type optional');
});
