import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import type { StaticServer } from '../bench/browser/serve';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { serveDetectorPage } from '../support/faces/serve-page';
import { writeClip, type Segment } from '../support/fake-webcam/y4m';
import type { ProctoringPage } from './proctoring-page/page';

/*
 * Proctoring end to end in Chromium with a fake webcam: the real camera
 * access, detector worker, event machine and encrypted snapshot store
 * (proctoring-page/page.ts) watch a y4m clip built here from the face
 * fixtures (test/support/faces). The clip plays a script: a face, 4 s of no
 * face, a face, a stray blink of no face (0.3 s), a face, 3 s of two faces,
 * a face. The expected events appear with their durations and snapshots, the
 * stray frames make none, and a denied camera is camera_unavailable.
 */

const WIDTH = 320;
const HEIGHT = 240;
const FPS = 10;
const SCRIPT: Segment[] = [
  { fixture: 'one_face', frames: 30 },
  { fixture: 'no_face', frames: 40 },
  { fixture: 'one_face', frames: 30 },
  { fixture: 'no_face', frames: 3 },
  { fixture: 'one_face', frames: 30 },
  { fixture: 'two_faces', frames: 30 },
  { fixture: 'one_face', frames: 25 },
];
const CLIP_SECONDS = SCRIPT.reduce((sum, s) => sum + ('frames' in s ? s.frames : s.seconds * FPS), 0) / FPS;

let dir: string;
let page: StaticServer;
let clip: string;
const browsers: Browser[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = await mkdtemp(join(tmpdir(), 'assist-ten-proctoring-'));
  clip = join(dir, 'script.y4m');
  await writeClip(clip, SCRIPT, { width: WIDTH, height: HEIGHT, fps: FPS });
  page = await serveDetectorPage(resolve(import.meta.dirname, 'proctoring-page'), join(dir, 'site'));
});

test.afterAll(async () => {
  await Promise.all(browsers.map((b) => b.close()));
  await page?.close();
  await rm(dir, { recursive: true, force: true });
});

async function runProctor(args: string[], seconds: number) {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...args] });
  browsers.push(browser);
  const tab = await browser.newPage();
  await tab.goto(page.url);
  await tab.waitForFunction(() => '__proctoring' in globalThis);
  return tab.evaluate(
    (a) => (globalThis as unknown as { __proctoring: ProctoringPage }).__proctoring.run(a.sessionId, a.seconds),
    { sessionId: 'session-e2e', seconds },
  );
}

test('a fake webcam’s script becomes a no_face and a multiple_faces event, with durations and encrypted snapshots', async () => {
  test.setTimeout(120_000);
  const result = await runProctor(
    [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${clip}`,
    ],
    CLIP_SECONDS + 1,
  );
  test.info().annotations.push({ type: 'face counts per analysed frame', description: result.counts.join('') });
  expect(result.errors).toEqual([]);
  const summary = result.events.map((e) => `${e.event_type} ${e.severity} ${e.duration_seconds}s`);

  // The clip may start a moment before the detector: whatever the alignment, each scripted stretch is one event.
  const noFace = result.events.filter((e) => e.event_type === 'no_face');
  const several = result.events.filter((e) => e.event_type === 'multiple_faces');
  expect(noFace, summary.join('; ')).toHaveLength(1);
  expect(several, summary.join('; ')).toHaveLength(1);
  expect(noFace[0]!.duration_seconds).toBeGreaterThan(3);
  expect(noFace[0]!.duration_seconds).toBeLessThan(5);
  expect(noFace[0]!.severity).toBe('low');
  expect(several[0]!.duration_seconds).toBeGreaterThan(2);
  expect(several[0]!.duration_seconds).toBeLessThan(4);
  expect(several[0]).toMatchObject({ severity: 'high', flagged: true, question_id: 'question-1' });
  expect(several[0]!.metadata).toMatchObject({ max_faces: 2 });
  // The 0.3 s blink was no event: nothing else short was recorded.
  expect(
    result.events.filter((e) => e.duration_seconds < 1),
    summary.join('; '),
  ).toEqual([]);

  for (const event of [...noFace, ...several]) {
    const snapshot = result.snapshots.find((s) => s.eventId === event.event_id)!;
    expect(snapshot).toMatchObject({ stored: true, sealedLooksLikeJpeg: false, plainIsJpeg: true });
    expect(snapshot.size).toBeGreaterThan(1000);
    expect(event.snapshot_url).toBe(`/blobs/snapshots/${snapshot.sha256}`);
  }
  expect(result.snapshots.find((s) => s.eventId === several[0]!.event_id)!.flagged).toBe(1);
});

test('a denied camera is recorded as camera_unavailable, high and flagged', async () => {
  const result = await runProctor(['--use-fake-device-for-media-stream', '--deny-permission-prompts'], 2);
  expect(result.cameraProblem).toBe('denied');
  expect(result.events.map((e) => [e.event_type, e.severity, e.flagged, e.metadata.problem])).toEqual([
    ['camera_unavailable', 'high', true, 'denied'],
  ]);
  expect(result.events[0]!.duration_seconds).toBeGreaterThanOrEqual(2);
});
