import type { Doc, Kind } from '../domain/registry';
import { seededRandom, type Random } from './random';
import { FIRST_NAMES, LAST_NAMES } from './vocabulary';

export type SeedDocs = { [K in Kind]?: Doc<K>[] };

const DAY = 86_400_000;

/** Collects seed documents and hands out deterministic randomness and dates relative to `now`. */
export class SeedBuilder {
  readonly docs: SeedDocs = {};
  private readonly rnd: Random;
  constructor(
    private readonly now: Date,
    seed: number,
  ) {
    this.rnd = seededRandom(seed);
  }
  get r() {
    return this.rnd;
  }
  at(offsetDays: number, hour = 9): string {
    const d = new Date(this.now.getTime() + offsetDays * DAY);
    d.setUTCHours(hour, this.rnd.int(0, 3) * 15, 0, 0);
    return d.toISOString();
  }
  add<K extends Kind>(
    kind: K,
    doc: Omit<Doc<K>, 'created_at' | 'updated_at'> & Partial<Pick<Doc<K>, 'created_at' | 'updated_at'>>,
  ): Doc<K> {
    const created = (doc.created_at as string | undefined) ?? this.at(-this.rnd.int(5, 60));
    const full = { ...doc, created_at: created, updated_at: doc.updated_at ?? created } as Doc<K>;
    ((this.docs[kind] ??= []) as Doc<K>[]).push(full);
    return full;
  }
  person() {
    const first = this.rnd.pick(FIRST_NAMES);
    const last = this.rnd.pick(LAST_NAMES);
    return {
      full_name: `${first} ${last}`,
      slug: `${first}.${last}`
        .normalize('NFD')
        .replace(/[^\w.]/g, '')
        .toLowerCase(),
    };
  }
}
