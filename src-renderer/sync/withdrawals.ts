import type { RxCollection } from 'rxdb';
import { entities, isKind } from '@shared/domain/registry';
import { isWithdrawal, wireDocOfKind, type WireDoc } from '@shared/sync/wire';
import { toWireForm } from './wire-form';

/*
 * A withdrawal (the server's word that a row left this device's scope)
 * becomes a deletion of the local copy, written as the server's state: RxDB
 * takes pulled documents as the master, so the removal is never pushed
 * back. The tombstone keeps only what the entity requires (the storage
 * validates every write); the optional rest, personal data included, goes
 * (unless the entity's own rules need some of it).
 * A withdrawal of a row this device never held is dropped.
 */

function tombstone(local: Record<string, unknown>): WireDoc {
  const doc = { ...toWireForm(local), _deleted: true };
  if (!isKind(doc.kind)) return doc;
  const shape = entities[doc.kind].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(doc)) {
    const field = shape[key];
    if (field === undefined || !field.safeParse(undefined).success) out[key] = value;
  }
  // Some entities need one of their optional fields (a question names its set or its job description): such a
  // tombstone keeps the whole document rather than fail the storage's validation.
  return wireDocOfKind(doc.kind).safeParse(out).success ? (out as WireDoc) : doc;
}

export async function applyWithdrawals(collection: RxCollection, documents: WireDoc[]): Promise<WireDoc[]> {
  const withdrawn = documents.filter(isWithdrawal);
  if (!withdrawn.length) return documents;
  const held = await collection.storageInstance.findDocumentsById(
    withdrawn.map((d) => d.pk),
    false,
  );
  const byPk = new Map(held.map((doc) => [String((doc as Record<string, unknown>).pk), doc]));
  return documents.flatMap((doc) => {
    if (!isWithdrawal(doc)) return [doc];
    const local = byPk.get(doc.pk) as Record<string, unknown> | undefined;
    return local ? [tombstone(local)] : [];
  });
}
