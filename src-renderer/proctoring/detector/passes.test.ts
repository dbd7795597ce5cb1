import { describe, expect, it } from 'vitest';
import { MIN_OVERLAP, planPasses, type Region } from './passes';

const inside = (face: { x: number; y: number; size: number }, r: Region) =>
  face.x >= r.x && face.y >= r.y && face.x + face.size <= r.x + r.side && face.y + face.size <= r.y + r.side;

describe('planPasses', () => {
  it('single mode is one pass over the whole frame, letterboxed into a square', () => {
    expect(planPasses(1280, 720, 'single')).toEqual([{ x: 0, y: -280, side: 1280 }]);
  });

  it('full mode adds a row of overlapping tiles: 2 for 4:3, 3 for 16:9', () => {
    expect(planPasses(640, 480, 'full')).toHaveLength(3);
    expect(planPasses(1280, 720, 'full')).toHaveLength(4);
  });

  it.each([
    [640, 480],
    [1280, 720],
    [1920, 1080],
    [480, 640],
  ])('at %i×%i every face up to the overlap lies whole in some tile', (width, height) => {
    const [, ...tiles] = planPasses(width, height, 'full');
    const size = Math.floor(MIN_OVERLAP * Math.min(width, height));
    const limit = Math.round(Math.min(width, height) * 0.8) - size; // faces along the tile row
    for (let along = 0; along + size <= Math.max(width, height); along += 7) {
      for (let across = 0; across <= limit; across += 11) {
        const face = width >= height ? { x: along, y: across, size } : { x: across, y: along, size };
        expect(
          tiles.some((t) => inside(face, t)),
          JSON.stringify(face),
        ).toBe(true);
      }
    }
  });

  it('refuses an empty frame', () => {
    expect(() => planPasses(0, 480, 'full')).toThrow(/positive/);
  });
});
