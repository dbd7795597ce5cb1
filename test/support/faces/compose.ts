/// <reference lib="dom" />
import astronautUrl from '../../fixtures/faces/astronaut.png?url';

/*
 * Webcam-like test frames composed in the browser from one public-domain
 * portrait (test/fixtures/faces/astronaut.png, see ATTRIBUTION.md), so no
 * generated image is committed:
 *
 * - one_face: the candidate, head and shoulders, filling most of the height;
 * - two_faces: two people side by side, each as large as the width allows;
 * - small_second_face: the candidate, plus a second person behind at the
 *   frame's right edge whose face is half the candidate's size;
 * - no_face: the backdrop with the model shuttle, no person.
 */

export type FixtureName = 'one_face' | 'two_faces' | 'small_second_face' | 'no_face';
export const FIXTURES: readonly FixtureName[] = ['one_face', 'two_faces', 'small_second_face', 'no_face'];

/** Head and shoulders in the portrait (source pixels), aspect 3:4. */
const PERSON = { x: 104, y: 0, w: 240, h: 320 };
/** The shuttle and backdrop right of the person: no face. */
const SCENE = { x: 340, y: 0, w: 172, h: 300 };
const BACKDROP = '#b3aca4';
/** The candidate's height as a share of the frame's. */
const CANDIDATE_HEIGHT = 0.95;

let astronaut: Promise<ImageBitmap> | undefined;

export function loadAstronaut(): Promise<ImageBitmap> {
  astronaut ??= fetch(astronautUrl)
    .then((response) => {
      if (!response.ok) throw new Error(`fixture ${astronautUrl}: HTTP ${response.status}`);
      return response.blob();
    })
    .then((blob) => createImageBitmap(blob));
  return astronaut;
}

type Ctx = OffscreenCanvasRenderingContext2D;

/** The person with its top-left corner at (x, y), `height` pixels tall. */
function person(ctx: Ctx, image: ImageBitmap, x: number, y: number, height: number) {
  const width = (height * PERSON.w) / PERSON.h;
  ctx.drawImage(image, PERSON.x, PERSON.y, PERSON.w, PERSON.h, x, y, width, height);
  return width;
}

/**
 * One fixture frame. `candidateHeight` (share of the frame height) overrides
 * the candidate's size in one_face, for tuning the pass layout.
 */
export function composeFixture(
  image: ImageBitmap,
  fixture: FixtureName,
  width: number,
  height: number,
  candidateHeight = CANDIDATE_HEIGHT,
): OffscreenCanvas {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.fillStyle = BACKDROP;
  ctx.fillRect(0, 0, width, height);
  const aspect = PERSON.w / PERSON.h;
  const tall = height * candidateHeight;
  switch (fixture) {
    case 'one_face':
      person(ctx, image, (width - tall * aspect) / 2, height - tall, tall);
      break;
    case 'two_faces': {
      const h = Math.min(tall, (width * 0.48) / aspect);
      person(ctx, image, width * 0.25 - (h * aspect) / 2, height - h, h);
      person(ctx, image, width * 0.75 - (h * aspect) / 2, height - h, h);
      break;
    }
    case 'small_second_face': {
      // Behind, so drawn first and higher up; its face is half the candidate's.
      const small = tall / 2;
      person(ctx, image, width - small * aspect, height * 0.1, small);
      const x = Math.min((width - tall * aspect) / 2, width - small * aspect - tall * aspect * 0.9);
      person(ctx, image, Math.max(0, x), height - tall, tall);
      break;
    }
    case 'no_face':
      ctx.drawImage(
        image,
        SCENE.x,
        SCENE.y,
        SCENE.w,
        SCENE.h,
        width - (height * SCENE.w) / SCENE.h,
        0,
        (height * SCENE.w) / SCENE.h,
        height,
      );
      break;
  }
  return canvas;
}
