import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { fakeWebcamArgs, sequences, writeClip } from '../support/fake-webcam/y4m';
import type { StaticServer } from '../bench/browser/serve';
import type { FixtureName } from '../support/faces/compose';
import type { FacesPage } from '../support/faces/page/page';
import { serveFacesPage } from '../support/faces/serve-page';
import { buildFaceModel } from '../../scripts/build-face-model';

/*
 * The face detector as the app ships it (model generated at build time, wasm
 * from the app's own assets, FaceDetector in a worker) on frames composed from
 * the astronaut fixture, in real Chromium. 'full' mode must count every face in
 * 640×480 and 1280×720 frames; 'single' (one pass over the whole frame) misses
 * the small second face in a wide frame, which is why 'full' exists.
 */

const SIZES = [
  [640, 480],
  [1280, 720],
] as const;

const EXPECTED: Record<FixtureName, number> = { one_face: 1, two_faces: 2, small_second_face: 2, no_face: 0 };

let dir: string;
let server: StaticServer;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'assist-ten-faces-'));
  server = await serveFacesPage(join(dir, 'site'));
});

test.afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

async function openHarness(page: Page) {
  await page.goto(server.url);
  await page.waitForFunction(() => '__faces' in globalThis);
}

const detect = (page: Page, fixture: FixtureName, width: number, height: number, mode: 'single' | 'full') =>
  page.evaluate(
    (args) =>
      (globalThis as unknown as { __faces: FacesPage }).__faces.detect(
        args.fixture,
        args.width,
        args.height,
        args.mode,
      ),
    { fixture, width, height, mode },
  );

test('the browser build ships the generated model and the wasm, byte for byte', async ({ request }) => {
  const model = await request.get('/face-detector/face_detection_short_range.tflite');
  expect(model.ok()).toBe(true);
  expect(Buffer.from(await model.body()).equals(Buffer.from(await buildFaceModel()))).toBe(true);
  const wasm = await request.get('/face-detector/vision_wasm_module_internal.wasm');
  expect(wasm.ok()).toBe(true);
  const shipped = await readFile(
    join(import.meta.dirname, '../../node_modules/@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.wasm'),
  );
  expect(Buffer.from(await wasm.body()).equals(shipped)).toBe(true);
});

test('full mode counts every face in 4:3 and 16:9 frames', async ({ page }) => {
  await openHarness(page);
  for (const [width, height] of SIZES) {
    for (const [fixture, count] of Object.entries(EXPECTED) as [FixtureName, number][]) {
      const result = await detect(page, fixture, width, height, 'full');
      expect(result.faces, `${fixture} at ${width}×${height}`).toHaveLength(count);
      expect(result.width).toBe(width);
      for (const face of result.faces) {
        expect(face.score).toBeGreaterThanOrEqual(0.5);
        expect(face.box.x).toBeGreaterThanOrEqual(0);
        expect(face.box.x + face.box.width).toBeLessThanOrEqual(1);
      }
    }
  }
});

test('full mode finds the small second face at the right edge, where a single pass misses it', async ({ page }) => {
  await openHarness(page);
  const single = await detect(page, 'small_second_face', 1280, 720, 'single');
  const full = await detect(page, 'small_second_face', 1280, 720, 'full');
  expect(single.faces).toHaveLength(1);
  expect(full.faces).toHaveLength(2);
  const small = full.faces.reduce((a, b) => (a.box.width < b.box.width ? a : b));
  const large = full.faces.find((f) => f !== small)!;
  expect(small.box.x).toBeGreaterThan(0.75); // at the right edge
  expect(small.box.height / large.box.height).toBeGreaterThan(0.35);
  expect(small.box.height / large.box.height).toBeLessThan(0.65);
  // One analysis per pass: the whole frame plus the tiles.
  expect(single.passes).toHaveLength(1);
  expect(full.passes.length).toBeGreaterThan(1);
});

test('a face monitor on a fake webcam counts faces in every analysed frame and takes a JPEG snapshot', async () => {
  const clip = await writeClip(join(dir, 'two-faces.y4m'), sequences.twoFaces(2));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...fakeWebcamArgs(clip)],
  });
  try {
    const page = await browser.newPage();
    await openHarness(page);
    const seen = await page.evaluate(() =>
      (globalThis as unknown as { __faces: FacesPage }).__faces.monitor(2_500, { fps: 4 }),
    );
    expect(seen.counts.length).toBeGreaterThan(0);
    expect(new Set(seen.counts)).toEqual(new Set([2]));
    expect([seen.width, seen.height]).toEqual([640, 480]);
    expect(seen.jpegType).toBe('image/jpeg');
    expect(seen.jpegBytes).toBeGreaterThan(1_000);
  } finally {
    await browser.close();
  }
});

test('a missing camera and a refused one are told apart', async ({ page }) => {
  const problem = (p: Page) =>
    p.evaluate(() => (globalThis as unknown as { __faces: FacesPage }).__faces.cameraProblem());
  // The test browser has no camera at all.
  await openHarness(page);
  expect(await problem(page)).toBe('not_found');
  // A camera exists, but nobody grants the permission (no fake UI accepting the prompt): refused.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream'],
  });
  try {
    const refused = await browser.newPage();
    await openHarness(refused);
    expect(await problem(refused)).toBe('denied');
  } finally {
    await browser.close();
  }
});
