import { expect, test, type Page } from '@playwright/test';
import { buildSeed } from '../../src-shared/seed/build-seed';

/*
 * An exam station end to end, in real Chromium against the seeded sync
 * server: a proctor signs the station in, its bundle syncs, the network goes,
 * and candidates type invitation codes. The codes come from the seed itself
 * (src-shared/seed/build-seed.ts `invitations`): it is deterministic, so the
 * same build gives the server's codes, and `npm run seed` prints them too.
 */

const PASSWORD = process.env.E2E_SEED_PASSWORD ?? '';
const PROCTOR = 'proctor@demo.assist-ten.test';
const { invitations } = buildSeed();
const open = invitations.find((i) => i.state === 'open')!;
const used = invitations.find((i) => i.state === 'used')!;
const expired = invitations.find((i) => i.state === 'expired')!;

test.beforeAll(() => {
  expect(PASSWORD, 'playwright.config.ts sets E2E_SEED_PASSWORD').not.toBe('');
  expect([open, used, expired].every(Boolean), 'the seed reveals invitation codes').toBe(true);
});

async function typeCode(page: Page, code: string) {
  await page.getByLabel('Invitation code').fill(code);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a proctor sets up a station; offline, it refuses bad codes clearly and admits an invited candidate', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Set up this exam station' }).click();

  await expect(page.getByRole('heading', { name: 'Set up this exam station' })).toBeVisible();
  await page.getByLabel('Proctor email').fill(PROCTOR);
  await page.getByLabel('Proctor password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Name this station' })).toBeVisible();
  await page.getByLabel('Station name').fill('Hall B, desk 4');
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Choose the assessments' })).toBeVisible();
  const choices = page.getByRole('group', { name: 'Assessments this station serves' }).getByRole('checkbox');
  for (const box of await choices.all()) await box.check();
  await page.getByRole('button', { name: 'Sign in this station' }).click();

  // The staff screen, with the bundle synced; then the station's home, for candidates, without the bundle.
  await expect(page.getByRole('heading', { name: 'Station staff' })).toBeVisible();
  const bundle = page.getByRole('region', { name: 'Exam bundle' });
  await expect(bundle.getByRole('status')).toHaveText(/^Ready/);
  await expect(bundle.getByText('never')).toHaveCount(0);
  const status = page.getByRole('contentinfo', { name: 'Sync status' });
  await expect(status).toContainText('Online · synced');
  await page.getByRole('button', { name: 'Open the station for candidates' }).click();
  await expect(page.getByRole('heading', { name: 'Start your assessment' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Exam bundle' })).toHaveCount(0);

  await context.setOffline(true);
  await expect(status).toContainText('Offline');

  const alert = page.getByRole('alert').filter({ hasText: /\S/ });
  await typeCode(page, 'DEMO-0000-0000');
  await expect(alert).toContainText('not known at this station');
  await typeCode(page, used.token.toLowerCase());
  await expect(alert).toContainText('already been used');
  await typeCode(page, expired.token);
  await expect(alert).toContainText('has expired');

  await typeCode(page, ` ${open.token} `);
  await expect(page.getByRole('heading', { name: 'Confirm your details' })).toBeVisible();
  await expect(page.getByLabel('Email')).toHaveValue(open.candidate_email);
  await expect(page.getByText(open.assessment_title)).toBeVisible();
  await page.getByLabel('Email').fill('someone.else@example.org');
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  await expect(page.getByText('not the address the invitation was sent to')).toBeVisible();
  await page.getByLabel('Email').fill(open.candidate_email.toUpperCase());
  if (!(await page.getByLabel('Full name').inputValue())) await page.getByLabel('Full name').fill('Demo Candidate');
  await page.getByRole('button', { name: 'Confirm and continue' }).click();

  // The exam's own screens take over (they are not this test's subject).
  await expect(page).toHaveURL(/#\/exam\/start\?.*application=app_/);
  await expect(page).toHaveURL(/token=tok_/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
