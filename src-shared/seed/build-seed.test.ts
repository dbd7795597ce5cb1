import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { buildSeed, type SeedOptions } from './build-seed';

/*
 * The seed is deterministic for a given seed, date and size: end-to-end tests
 * and benchmarks rely on its rows, ids and order. These digests are of
 * JSON.stringify(buildSeed(options)): documents, their key order, the order of
 * kinds, accounts and invitations, byte for byte. A change that alters the
 * seed on purpose updates them (and says so); a refactor must leave them alone.
 */

const CASES: { name: string; options: SeedOptions; length: number; sha256: string }[] = [
  {
    name: 'default size and seed',
    options: { now: new Date('2026-03-02T08:30:00.000Z') },
    length: 193_577,
    sha256: 'e645389beef2c64e55a79b7b58ec6959e86b22ed3a4a98c27d099472160bcd3e',
  },
  {
    name: '60 candidates',
    options: { now: new Date('2026-11-24T12:00:00.000Z'), candidates: 60 },
    length: 425_601,
    sha256: '74848d9a4d6d110d3124b41ee77c467e8f641284abb8f3f9e66921250e682b43',
  },
  {
    name: '10 candidates, seed 7',
    options: { now: new Date('2025-01-01T00:00:00.000Z'), candidates: 10, seed: 7 },
    length: 102_065,
    sha256: '9690ceb30ec5341e09aba30b6e2f86d209ff2177f87de9a145c60133aff5cc71',
  },
  {
    name: 'one candidate, seed 1',
    options: { now: new Date('2026-06-15T23:59:00.000Z'), candidates: 1, seed: 1 },
    length: 41_316,
    sha256: '4fd60394a73e95f286433501607566502e4ef7b764a07e9e313d0e10b234701b',
  },
];

describe('buildSeed', () => {
  it.each(CASES)('is byte-identical to the recorded seed: $name', ({ options, length, sha256: digest }) => {
    const json = JSON.stringify(buildSeed(options));
    expect({ length: json.length, sha256: bytesToHex(sha256(utf8ToBytes(json))) }).toEqual({
      length,
      sha256: digest,
    });
  });

  it('gives the same output for the same options', () => {
    const options = { now: new Date('2026-03-02T08:30:00.000Z'), candidates: 12, seed: 3 };
    expect(JSON.stringify(buildSeed(options))).toBe(JSON.stringify(buildSeed(options)));
  });
});
