/*
 * A seeded pseudo-random generator (mulberry32), so that a soak run's
 * schedule of faults and every candidate's choices follow from one seed:
 * `npm run soak -- --seed 42` plans the same kills, restarts, cuts and
 * answers again. The machine's own timing still varies from run to run, so
 * what a fault interrupts is not identical, only what is planned.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
  /** An independent generator derived from this one and `label`, for one actor. */
  fork(label: string): Rng;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashLabel(seed: number, label: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    between: (min, max) => min + next() * (max - min),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    chance: (p) => next() < p,
    fork: (label) => createRng(hashLabel(seed, label)),
  };
  return rng;
}

/**
 * `count` moments in [start, end) ms, one uniformly at random inside each of
 * `count` equal slots: random, yet spread over the whole run and exactly
 * `count` of them (a Poisson schedule could leave a short run with too few).
 */
export function slottedMoments(rng: Rng, count: number, start: number, end: number): number[] {
  const slot = (end - start) / count;
  return Array.from({ length: count }, (_, i) => start + slot * i + rng.between(0.1, 0.9) * slot);
}
