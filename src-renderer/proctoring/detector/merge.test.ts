import { describe, expect, it } from 'vitest';
import { mergeFaces, toFrame } from './merge';

const frame = { width: 1280, height: 720 };

describe('toFrame', () => {
  it('maps a detection in a tile back to fractions of the frame', () => {
    const box = toFrame({ x: 32, y: 32, width: 32, height: 32, score: 0.9 }, { x: 400, y: 0, side: 512 }, 128, frame);
    expect(box).toEqual({ x: 528 / 1280, y: 128 / 720, width: 128 / 1280, height: 128 / 720 });
  });

  it('drops a face cut by a tile edge inside the frame, keeps one at the frame edge', () => {
    const tile = { x: 400, y: 0, side: 512 };
    expect(toFrame({ x: 0, y: 40, width: 30, height: 30, score: 1 }, tile, 128, frame)).toBeNull();
    expect(toFrame({ x: 40, y: 0, width: 30, height: 30, score: 1 }, tile, 128, frame)).not.toBeNull();
  });

  it('clips the letterbox of the whole-frame pass', () => {
    const box = toFrame({ x: 10, y: 20, width: 20, height: 20, score: 1 }, { x: 0, y: -280, side: 1280 }, 128, frame)!;
    expect(box.y).toBe(0);
    expect(box.height).toBeCloseTo(120 / 720);
  });
});

describe('mergeFaces', () => {
  const face = (x: number, width: number, score: number) => ({ box: { x, y: 0.2, width, height: width }, score });

  it('keeps the best of boxes of the same face, from different passes and scales', () => {
    const merged = mergeFaces([face(0.4, 0.2, 0.7), face(0.41, 0.19, 0.95), face(0.45, 0.1, 0.6)]);
    expect(merged).toEqual([face(0.41, 0.19, 0.95)]);
  });

  it('keeps faces side by side apart', () => {
    expect(mergeFaces([face(0.1, 0.2, 0.9), face(0.6, 0.2, 0.9), face(0.85, 0.1, 0.8)])).toHaveLength(3);
  });
});
