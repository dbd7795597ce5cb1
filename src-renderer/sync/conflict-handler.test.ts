import { describe, expect, it } from 'vitest';
import { expectedId } from '@shared/storage/stored-doc';
import type { WireDoc } from '@shared/sync/wire';
import { conflictHandlerFor, mergeConflict } from './conflict-handler';

const T0 = '2026-03-01T09:00:00.000Z';
const id = expectedId('skill', { name: 'Rust' })!;
const base = {
  pk: id,
  kind: 'skill',
  skill_id: id,
  name: 'Rust',
  category: 'technical',
  is_active: true,
  description: 'Systems',
  created_at: T0,
  updated_at: T0,
  _deleted: false,
} as WireDoc;

describe('mergeConflict', () => {
  it('gives way when the server refused the edit under a conflict rule and the master did not move', () => {
    // e.g. a final feedback or an append-only event: the server answers with the unchanged master.
    const mine = { ...base, description: 'An edit the server refused' };
    expect(mergeConflict('catalog', { assumedMasterState: base, realMasterState: base, newDocumentState: mine })).toBe(
      base,
    );
  });

  it('keeps the fields each side changed alone', () => {
    const mine = { ...base, description: 'Memory-safe systems language' };
    const theirs = { ...base, is_active: false };
    expect(
      mergeConflict('catalog', { assumedMasterState: base, realMasterState: theirs, newDocumentState: mine }),
    ).toEqual({
      ...base,
      description: 'Memory-safe systems language',
      is_active: false,
    });
  });

  it('lets the server win a field both changed, and honours local removal of an optional field', () => {
    const mine = { ...base, category: 'tool' } as WireDoc;
    delete mine.description;
    const theirs = { ...base, category: 'language' };
    const merged = mergeConflict('catalog', {
      assumedMasterState: base,
      realMasterState: theirs,
      newDocumentState: mine,
    });
    expect(merged.category).toBe('language');
    expect(merged).not.toHaveProperty('description');
  });

  it('keeps the server version when it deleted the document, when the merge breaks a rule, or without a common base', () => {
    const mine = { ...base, description: 'x' };
    expect(
      mergeConflict('catalog', {
        assumedMasterState: base,
        realMasterState: { ...base, _deleted: true },
        newDocumentState: mine,
      })._deleted,
    ).toBe(true);
    const broken = { ...base, category: 'not-a-category' } as WireDoc;
    const theirs = { ...base, is_active: false };
    expect(
      mergeConflict('catalog', { assumedMasterState: base, realMasterState: theirs, newDocumentState: broken }),
    ).toBe(theirs);
    expect(mergeConflict('catalog', { realMasterState: theirs, newDocumentState: mine })).toBe(theirs);
    expect(
      mergeConflict('catalog', {
        assumedMasterState: base,
        realMasterState: theirs,
        newDocumentState: { ...base, _deleted: true },
      }),
    ).toBe(theirs);
  });
});

describe('conflictHandlerFor', () => {
  it('compares documents without RxDB bookkeeping or key order', () => {
    const handler = conflictHandlerFor('catalog');
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as WireDoc;
    expect(handler.isEqual({ ...base, _meta: { lwt: 1 } } as never, reordered, 'test')).toBe(true);
    expect(handler.isEqual(base, { ...base, name: 'Go' }, 'test')).toBe(false);
  });
});
