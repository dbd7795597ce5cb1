import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../chromium';
import type { FixtureName } from '../faces/compose';
import type { FacesPage } from '../faces/page/page';
import { serveFacesPage } from '../faces/serve-page';

/*
 * Fake-webcam clips for end-to-end tests: Chromium plays a y4m file as its
 * camera with
 *   --use-fake-ui-for-media-stream --use-fake-device-for-media-stream
 *   --use-file-for-fake-video-capture=<clip>.y4m
 * (`fakeWebcamArgs(path)` gives these). The clip LOOPS for as long as the
 * camera is open, so a sequence describes one period.
 *
 * Frames are the face fixtures (test/support/faces/compose.ts: 'one_face',
 * 'two_faces', 'small_second_face', 'no_face'), composed in Chromium from the
 * astronaut portrait, so nothing binary is committed. A y4m file is a text
 * header and raw YUV 4:2:0 frames (BT.601, limited range); 640×480 at 10 fps
 * is about 4.6 MB a second, so write clips to a temp dir.
 *
 * API:
 *   await writeClip(path, segments, { width, height, fps })  -> path
 *     segments: [{ fixture, seconds } | { fixture, frames }], played in order
 *   sequences.oneFace(seconds) / twoFaces(seconds) / noFace(seconds) /
 *     smallSecondFace(seconds): one fixture throughout
 *   sequences.strayFrame(base, stray, seconds): `base` for `seconds`, with a
 *     single `stray` frame in the middle (hysteresis must ignore it)
 *   sequences.then(...parts): parts one after another, e.g.
 *     sequences.then(sequences.oneFace(4), sequences.noFace(12))
 *   await makeClip(dir, name, segments, options) -> join(dir, `${name}.y4m`)
 *
 * Example (Playwright):
 *   const clip = await writeClip('/tmp/x/no-face.y4m', sequences.noFace(5));
 *   const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS, ...fakeWebcamArgs(clip)] });
 */

export type Segment = { fixture: FixtureName; seconds: number } | { fixture: FixtureName; frames: number };

export interface ClipOptions {
  width?: number;
  height?: number;
  /** Frames per second of the clip (default 10: a few analysed frames a second need no more). */
  fps?: number;
}

export const sequences = {
  oneFace: (seconds = 5): Segment[] => [{ fixture: 'one_face', seconds }],
  twoFaces: (seconds = 5): Segment[] => [{ fixture: 'two_faces', seconds }],
  noFace: (seconds = 5): Segment[] => [{ fixture: 'no_face', seconds }],
  smallSecondFace: (seconds = 5): Segment[] => [{ fixture: 'small_second_face', seconds }],
  strayFrame: (base: FixtureName, stray: FixtureName, seconds = 5): Segment[] => [
    { fixture: base, seconds: seconds / 2 },
    { fixture: stray, frames: 1 },
    { fixture: base, seconds: seconds / 2 },
  ],
  then: (...parts: Segment[][]): Segment[] => parts.flat(),
};

export function fakeWebcamArgs(clipPath: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    `--use-file-for-fake-video-capture=${clipPath}`,
  ];
}

/** RGBA → I420 (BT.601 limited range), chroma averaged over each 2×2 block. */
export function rgbaToI420(rgba: Uint8Array, width: number, height: number): Uint8Array {
  if (width % 2 || height % 2) throw new Error(`y4m 4:2:0 needs even sizes, got ${width}×${height}`);
  const out = new Uint8Array((width * height * 3) / 2);
  const cw = width / 2;
  const uBase = width * height;
  const vBase = uBase + cw * (height / 2);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = (y * width + x) * 4;
      out[y * width + x] = Math.round(16 + (65.481 * rgba[i]! + 128.553 * rgba[i + 1]! + 24.966 * rgba[i + 2]!) / 255);
    }
  }
  for (let y = 0; y < height; y += 2) {
    for (let x = 0; x < width; x += 2) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const i = ((y + dy) * width + x + dx) * 4;
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = (y / 2) * cw + x / 2;
      out[uBase + c] = Math.round(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255);
      out[vBase + c] = Math.round(128 + (112 * r - 93.786 * g - 18.214 * b) / 255);
    }
  }
  return out;
}

/** Each fixture's frame, rendered once in Chromium, as I420. */
async function renderFixtures(fixtures: readonly FixtureName[], width: number, height: number) {
  const dir = await mkdtemp(join(tmpdir(), 'assist-ten-y4m-'));
  const server = await serveFacesPage(join(dir, 'site'));
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => '__faces' in globalThis);
    const frames = new Map<FixtureName, Uint8Array>();
    for (const fixture of fixtures) {
      const base64 = await page.evaluate(
        (a) => (globalThis as unknown as { __faces: FacesPage }).__faces.rgba(a.fixture, a.width, a.height),
        { fixture, width, height },
      );
      frames.set(fixture, rgbaToI420(new Uint8Array(Buffer.from(base64, 'base64')), width, height));
    }
    return frames;
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function writeClip(
  path: string,
  segments: readonly Segment[],
  options: ClipOptions = {},
): Promise<string> {
  const { width = 640, height = 480, fps = 10 } = options;
  if (!segments.length) throw new Error('a clip needs at least one segment');
  const frames = await renderFixtures([...new Set(segments.map((s) => s.fixture))], width, height);
  const file = await open(path, 'w');
  try {
    await file.write(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`);
    for (const segment of segments) {
      const count = 'frames' in segment ? segment.frames : Math.max(1, Math.round(segment.seconds * fps));
      const frame = frames.get(segment.fixture)!;
      for (let i = 0; i < count; i += 1) {
        await file.write('FRAME\n');
        await file.write(frame);
      }
    }
  } finally {
    await file.close();
  }
  return path;
}

export function makeClip(dir: string, name: string, segments: readonly Segment[], options?: ClipOptions) {
  return writeClip(join(dir, `${name}.y4m`), segments, options);
}
