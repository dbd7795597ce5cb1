import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { createTestExam, expect, test } from './support/exam-server';
import {
  answerByKeyboard,
  expectNoSeriousA11yViolations,
  openExamStart,
  signInAsCandidate,
  startTest,
  submitFromDialog,
} from './support/exam-page';

/*
 * Before a proctored test: consent, then a camera check with the live image.
 * Chromium's fake camera stands in for a webcam; without it (and with no
 * one to answer a permission prompt) the camera cannot open, and the test
 * cannot start.
 */

test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
  },
});

test('consent and a working camera come before the test, which then runs with the camera on', async ({ page, api }) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: true, title: 'E2E proctored' });
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);
  await expect(page.getByRole('definition').filter({ hasText: 'Yes' })).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByRole('heading', { name: 'Camera proctoring' })).toBeFocused();
  const next = page.getByRole('button', { name: 'Continue to the camera check' });
  await expect(next).toBeDisabled();
  await page.getByRole('checkbox', { name: 'I agree to camera proctoring during this test.' }).check();
  await next.click();

  await expect(page.getByRole('heading', { name: 'Camera check' })).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^The camera (works|sees)/ })).toBeVisible();
  await expect(page.getByLabel('Your camera image')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'the camera check');
  await startTest(page);

  await expect(page.getByText('Camera on')).toBeVisible();
  await answerByKeyboard(page, 0);
  const dialog = await submitFromDialog(page);
  await dialog.getByRole('button', { name: 'Submit test' }).click();
  await expect(page.getByRole('heading', { name: 'Test submitted' })).toBeVisible();
});

test('without a working camera a proctored test cannot start', async ({ baseURL, api }) => {
  const exam = await createTestExam(api, { durationMinutes: 10, isProctored: true, title: 'E2E no camera' });
  // A browser of its own, without the fake camera: no camera, and no one to grant the permission.
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  const page = await browser.newPage({ baseURL: baseURL! });
  await page.goto('/');
  await signInAsCandidate(page);
  await openExamStart(page, exam);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('checkbox', { name: 'I agree to camera proctoring during this test.' }).check();
  await page.getByRole('button', { name: 'Continue to the camera check' }).click();

  await expect(page.getByRole('button', { name: 'Try the camera again' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /camera/i })).toContainText(
    /blocked|No camera|cannot be used/,
  );
  await expect(page.getByRole('button', { name: 'Start the test' })).toBeDisabled();
  await browser.close();
});
