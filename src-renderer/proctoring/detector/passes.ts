/*
 * Which regions of a frame the detector looks at.
 *
 * The short-range model sees a 128×128 square and finds faces down to about
 * 13–14 % of that square's side (measured on the fixtures). A whole 16:9 frame
 * letterboxed into it (the 'single' pass) therefore misses faces smaller than
 * about a quarter of the frame height, which a second person beside or behind
 * the candidate often is. 'full' mode adds square tiles, each drawn at 128×128
 * too, so small faces are seen larger:
 *
 * - pass `whole`: the frame, letterboxed into a square (large, close faces);
 * - passes `tile`: one row of squares TILE_OF_HEIGHT × the frame height tall,
 *   along the top of the frame (where heads are in a seated webcam view),
 *   overlapping by at least MIN_OVERLAP × the height, so every face up to that
 *   size lies whole inside some tile; larger ones are the whole pass's.
 *
 * Each pass costs one detectForVideo call, and with tasks-vision's GL input
 * path a call has a fixed cost of a few ms whatever the input size, so the
 * number of passes is the budget: 640×480 gets 1 + 2 tiles, 1280×720 1 + 3
 * (README.md here has what each pass finds and costs). The bottom
 * fifth of the frame is seen by the whole pass only.
 */

export interface Region {
  /** Top-left corner and side of a square, in frame pixels; may extend past the frame (black padding). */
  x: number;
  y: number;
  side: number;
}

export type DetectorMode = 'single' | 'full';

export const TILE_OF_HEIGHT = 0.8;
export const MIN_OVERLAP = 0.25;

export function planPasses(width: number, height: number, mode: DetectorMode): Region[] {
  if (!(width > 0 && height > 0)) throw new Error(`frame size must be positive, got ${width}×${height}`);
  const side = Math.max(width, height);
  const whole: Region = { x: (width - side) / 2, y: (height - side) / 2, side };
  if (mode === 'single') return [whole];
  const short = Math.min(width, height);
  const tile = Math.round(short * TILE_OF_HEIGHT);
  const step = tile - MIN_OVERLAP * short;
  const count = Math.max(2, Math.ceil((side - tile) / step) + 1);
  const tiles = Array.from({ length: count }, (_, i) => {
    const along = Math.round(((side - tile) * i) / (count - 1));
    return width >= height ? { x: along, y: 0, side: tile } : { x: 0, y: along, side: tile };
  });
  return [whole, ...tiles];
}
