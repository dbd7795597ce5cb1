import { z } from 'zod';

/*
 * Field builders shared by every entity. They carry the limits RxDB needs to
 * index a field (maxLength on strings, multipleOf/minimum/maximum on numbers),
 * so that any field may become an index later without a schema rewrite.
 *
 * Conventions:
 * - Timestamps are ISO-8601 UTC strings ("2026-11-24T09:30:00.000Z"): they sort
 *   lexicographically, so string indexes order them by time.
 * - An absent optional field means "no value" (SQL NULL on the server). RxDB
 *   indexes cannot hold null, so we never store null.
 */

export const ID_MAX = 64;

export const id = () => z.string().min(1).max(ID_MAX);
/** A reference to another entity, resolvable with RxDB population (`ref`). */
export const ref = (collection: string) => id().meta({ ref: collection });
export const refList = (collection: string, max = 50) => z.array(id()).max(max).meta({ items_ref: collection });
export const timestamp = () => z.iso.datetime().max(32);
/** A calendar date in UTC, used by the streak rules. */
export const utcDate = () => z.iso.date().max(10);
export const shortText = (max = 200) => z.string().trim().min(1).max(max);
export const optionalText = (max = 200) => z.string().max(max);
export const longText = (max = 100_000) => z.string().max(max);
export const email = () => z.email().max(254);
export const url = () => z.url().max(2048);
export const count = (max = 1_000_000) => z.number().int().min(0).max(max).multipleOf(1);
export const percentage = () => z.number().min(0).max(100).multipleOf(0.01);
/** Interview ratings: 0–5 in half steps ("4.5" in the reference examples). */
export const rating = () => z.number().min(0).max(5).multipleOf(0.5);
export const money = () => z.number().min(0).max(1e12).multipleOf(0.01);
export const currency = () =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO-4217 code such as "EUR"')
    .max(3);
export const timezone = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/, 'must be an IANA zone such as "Europe/Paris"');
export const stringList = (max = 100, itemMax = 200) => z.array(z.string().min(1).max(itemMax)).max(max);
/** Free-form JSON object, as the reference's JSON columns. */
export const jsonObject = () => z.record(z.string().max(200), z.json());
export const sha256Hex = () =>
  z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest')
    .max(64);

/** Fields every stored entity carries, whatever the reference listed. */
export const auditFields = {
  created_at: timestamp(),
  updated_at: timestamp(),
};
