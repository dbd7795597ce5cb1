import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { STATION, type PrincipalRole } from '../../src-shared/permissions/principal';
import { sha256Hex } from '../../src-shared/domain/ids';
import { entities, kinds, type Kind } from '../../src-shared/domain/registry';
import { filterFields, permissionTable, type FilterValue, type RowFilter } from '../../src-shared/permissions';
import { composeSession } from '../../src-shared/exam/session-composition';
import { actorFields } from '../../src-shared/permissions/ownership';
import { expectedId } from '../../src-shared/storage/stored-doc';
import { conflictRuleOf } from '../../src-shared/sync/conflict-rules';
import { sameJson } from '../../src-shared/sync/equality';
import { wireDocOfKind, type WireDoc } from '../../src-shared/sync/wire';
import { seedDatabase } from '../../src-server/cli';
import { rowToStored, selectFrom, writeRow, type StoredRow } from '../../src-server/db/rows';
import type { Sql } from '../../src-server/db/sql';
import { initialValue } from '../../src-server/sync/write/fields';
import { takeSyncWriteLock } from '../../src-server/sync/write-lock';
import { login, PASSWORD, type TestServer, type TestUser } from './harness';
import { signInStation } from './station-harness';

/*
 * Support for permission-matrix.test.ts: the demo seed on a test server, a
 * JavaScript reading of the permission table's row filters (mirroring
 * src-server/sync/filter-sql.ts), and documents to push.
 */

type Doc = Record<string, unknown>;
export type Me = Pick<TestUser, 'id' | 'email' | 'role'> & { assessmentIds?: readonly string[] };

/** Every stored row of some kinds, deleted ones included, as the filters see them. */
export class Snapshot {
  constructor(private readonly byKind: Map<Kind, StoredRow[]>) {}
  rows(kind: Kind): StoredRow[] {
    const rows = this.byKind.get(kind);
    if (!rows) throw new Error(`snapshot lacks ${kind}`);
    return rows;
  }
  live(kind: Kind): StoredRow[] {
    return this.rows(kind).filter((r) => !r.deleted);
  }
}

export async function snapshot(sql: Sql, wanted: Iterable<Kind>): Promise<Snapshot> {
  const byKind = new Map<Kind, StoredRow[]>();
  for (const kind of new Set(wanted))
    byKind.set(
      kind,
      (await sql.query(`${selectFrom(kind)}`)).map((row) => rowToStored(kind, row)),
    );
  return new Snapshot(byKind);
}

const isEmailField = (field: string) => field === 'email' || field.endsWith('_email');

function resolve(value: FilterValue, me: Me): string | number | boolean {
  return typeof value === 'object' ? me[value.self] : value;
}

function same(field: string, stored: unknown, value: string | number | boolean): boolean {
  if (stored === undefined) return false; // SQL: NULL = x is not true
  if (isEmailField(field) && typeof stored === 'string' && typeof value === 'string')
    return stored.toLowerCase() === value.toLowerCase();
  return stored === value;
}

/** Whether `doc` (a stored `kind` row) matches `filter` for `me`: the SQL compiler's semantics, in JavaScript. */
export function matches(kind: Kind, doc: Doc, filter: RowFilter, me: Me, db: Snapshot): boolean {
  if (filter === 'all') return true;
  if (filter === 'none') return false;
  if ('eq' in filter) return same(filter.eq[0], doc[filter.eq[0]], resolve(filter.eq[1], me));
  if ('ne' in filter) return !same(filter.ne[0], doc[filter.ne[0]], resolve(filter.ne[1], me));
  if ('present' in filter) return doc[filter.present] !== undefined;
  if ('contains' in filter) {
    const list = doc[filter.contains[0]];
    const value = resolve(filter.contains[1], me);
    return Array.isArray(list) && list.some((item) => sameJson(item, value));
  }
  if ('oneOf' in filter) return (me.assessmentIds ?? []).includes(doc[filter.oneOf[0]] as string);
  if ('in' in filter) {
    const [field, sub] = filter.in;
    const value = doc[field];
    if (value === undefined) return false;
    const equal = (v: unknown) =>
      isEmailField(field) && isEmailField(sub.select) ? sameEmail(v, String(value)) : v === value;
    return db.live(sub.from).some((r) => equal(r.doc[sub.select]) && matches(sub.from, r.doc, sub.where, me, db));
  }
  if ('or' in filter) return filter.or.some((f) => matches(kind, doc, f, me, db));
  return filter.and.every((f) => matches(kind, doc, f, me, db));
}

/** Fields of `kind` any filter of the table reads (directly or as a subquery's select). */
export function filteredFields(kind: Kind): Set<string> {
  const out = new Set<string>();
  for (const table of Object.values(permissionTable)) {
    for (const [k, rule] of Object.entries(table) as [Kind, NonNullable<(typeof table)[Kind]>][]) {
      const filters = [rule.pull, rule.push?.rows ?? 'none', ...(rule.withhold ?? []).map((w) => w.until)];
      for (const f of filters) for (const [fk, field] of filterFields(k, f)) if (fk === kind) out.add(field);
    }
  }
  return out;
}

/** The table's cell, read directly: fields that never reach the role, and fields withheld until a filter holds. */
export function hiddenFields(role: PrincipalRole, kind: Kind): Set<string> {
  return new Set([...entities[kind].secret, ...(permissionTable[role][kind]?.strip ?? [])]);
}

/** The document as the role must receive it: the stored row without hidden and not yet revealed fields. */
export function expectedWire(role: PrincipalRole, row: StoredRow, me: Me, db: Snapshot): WireDoc {
  const rule = permissionTable[role][row.kind]!;
  const drop = hiddenFields(role, row.kind);
  for (const w of rule.withhold ?? [])
    if (!matches(row.kind, row.doc, w.until, me, db)) w.fields.forEach((f) => drop.add(f));
  const doc: Doc = {};
  for (const [key, value] of Object.entries(row.doc)) if (!drop.has(key)) doc[key] = value;
  const pk = row.doc[entities[row.kind].idField] as string;
  return JSON.parse(JSON.stringify({ ...doc, pk, kind: row.kind, _deleted: row.deleted })) as WireDoc;
}

/** A stored row on the wire without the entity's secrets (for pushes of rows the role cannot see). */
export function rawWire(row: StoredRow): WireDoc {
  const secret = new Set<string>(entities[row.kind].secret);
  const doc = Object.fromEntries(Object.entries(row.doc).filter(([k]) => !secret.has(k)));
  return { ...doc, pk: row.doc[entities[row.kind].idField] as string, kind: row.kind, _deleted: row.deleted };
}

/**
 * Fields a copy the role pushes may lack: hidden ones, and withheld ones
 * unless revealed on exactly the rows the role may push (its own PIN).
 */
export function concealedFields(role: PrincipalRole, kind: Kind): Set<string> {
  const rule = permissionTable[role][kind];
  const withheld = (rule?.withhold ?? []).filter((w) => !rule?.push || !sameJson(w.until, rule.push.rows));
  return new Set([...hiddenFields(role, kind), ...withheld.flatMap((w) => w.fields)]);
}

/**
 * The fields the role may set (the table's push `fields`, less server-owned
 * and concealed ones, plus the id and audit timestamps), as the README
 * documents them; undefined when the role may not push this kind.
 */
export function writableFields(role: PrincipalRole, kind: Kind): Set<string> | undefined {
  const rule = permissionTable[role][kind];
  if (!rule?.push) return undefined;
  const entity = entities[kind];
  const concealed = concealedFields(role, kind);
  // Server-owned and server-derived fields (a session's composition) are the server's to decide.
  const serverOwned = new Set<string>(entity.serverDecided);
  const named = rule.push.fields === 'all' ? entity.fields : rule.push.fields;
  const out = new Set<string>([entity.idField, 'created_at', 'updated_at']);
  for (const field of named) if (!serverOwned.has(field) && !concealed.has(field)) out.add(field);
  return out;
}

function enumOptions(kind: Kind, field: string): string[] {
  let schema = (entities[kind].shape as Record<string, z.ZodType>)[field];
  while (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault) schema = schema.def.innerType as z.ZodType;
  return schema instanceof z.ZodEnum ? (schema.options as string[]) : [];
}

const isTimestamp = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(Date.parse(v));

function shifted(v: string): string {
  const next = new Date(Date.parse(v) + (v.length === 10 ? 86_400_000 : 60_000)).toISOString();
  return v.length === 10 ? next.slice(0, 10) : next;
}

/** A different value for `field` that keeps `doc` a valid wire document, or undefined. */
export function mutation(doc: WireDoc, field: string): unknown {
  const v = doc[field];
  const options = enumOptions(doc.kind, field).filter((o) => o !== v);
  const tries: unknown[] = [];
  if (typeof v === 'string') tries.push(...(isTimestamp(v) ? [shifted(v)] : []), `${v} (edited)`, `${v}x`, ...options);
  else if (typeof v === 'number') tries.push(v + 1, v - 1, v + 0.5, v - 0.5);
  else if (typeof v === 'boolean') tries.push(!v);
  else if (Array.isArray(v)) tries.push(v.slice(1), [...v, v[0] ?? 'edited']);
  else if (v && typeof v === 'object') tries.push({ ...v, matrix: 'edited' });
  else tries.push(...options, 'Edited by the matrix', new Date(0).toISOString(), 1, true, ['edited'], { matrix: 1 });
  return tries.find((t) => !sameJson(t, v) && wireDocOfKind(doc.kind).safeParse({ ...doc, [field]: t }).success);
}

/** How harmless a change of `field` is (lower first): free text, numbers, lists, flags, then the rest. */
export function harmlessness(doc: WireDoc, field: string): number {
  const v = doc[field];
  if (/(^id|_id|_ids|_by)$/.test(field) || field === 'token') return 9;
  if (typeof v === 'string' && !isTimestamp(v) && !enumOptions(doc.kind, field).length) return 0;
  if (typeof v === 'number') return 1;
  if (typeof v === 'object' && v !== null) return 2;
  if (typeof v === 'boolean') return 3;
  return v === undefined ? 5 : 4;
}

let fresh = 0;

export interface FreshOptions {
  /** Fields the new document takes from `base`; the others get their initial values. */
  keep: Set<string> | 'all';
  rows: RowFilter;
  /** Whether the document must fall inside `rows` (own-row conditions are then met) or outside. */
  inside: boolean;
}

/**
 * A new document of `base`'s kind for `me` to create: a copy of `base` with
 * a new id and new unique keys, the fields it does not keep at their
 * initial values and the freeze flag off. Undefined when no such document
 * can exist (e.g. a second settings row of the same user).
 */
export function freshDoc(
  base: WireDoc,
  me: Me,
  db: Snapshot,
  { keep, rows, inside }: FreshOptions,
): WireDoc | undefined {
  const kind = base.kind;
  const entity = entities[kind];
  const n = ++fresh;
  const doc: WireDoc = { ...base, _deleted: false };
  if (keep !== 'all') {
    for (const field of entity.fields) {
      if (keep.has(field) || entity.serverOwned.includes(field as never)) continue;
      const initial = initialValue(kind, field);
      if (initial === undefined) delete doc[field];
      else doc[field] = initial;
    }
  }
  const freeze = conflictRuleOf(kind).freeze;
  if (freeze && freeze.once !== 'created' && (keep === 'all' || keep.has(freeze.once.isTrue)))
    doc[freeze.once.isTrue] = false;
  if (inside) satisfy(rows, doc, me);
  // Identity fields name the sender (ownership.ts); ownership is checked on its own in the matrix.
  for (const field of Object.keys(actorFields[kind] ?? {})) if (field in doc) doc[field] = me.id;
  if (kind === 'user') doc.email = `matrix-${n}@example.org`;
  if (kind === 'skill' || kind === 'role') doc.name = `Matrix ${kind} ${n}`;
  if (kind === 'answer') doc.question_id = randomUUID();
  if (kind === 'assessment_token') {
    const token = `MATRIX-${n}`;
    Object.assign(doc, { token, token_hash: sha256Hex(token) });
  }
  if (kind === 'assessment_application') {
    const taken = new Set(db.rows(kind).map((r) => `${String(r.doc.candidate_id)}/${String(r.doc.assessment_id)}`));
    const free = db
      .live('assessment')
      .find(
        (a) =>
          !taken.has(`${String(doc.candidate_id)}/${String(a.doc.assessment_id)}`) &&
          matches(kind, { ...doc, assessment_id: a.doc.assessment_id }, rows, me, db) === inside,
      );
    if (!free) return undefined;
    doc.assessment_id = free.doc.assessment_id;
  }
  if (kind === 'interview_feedback') {
    const taken = new Set(db.rows(kind).map((r) => r.doc.interview_id));
    const free = db
      .live('interview_session')
      .find(
        (i) =>
          !taken.has(i.doc.interview_id) &&
          matches(kind, { ...doc, interview_id: i.doc.interview_id }, rows, me, db) === inside,
      );
    if (!free) return undefined;
    doc.interview_id = free.doc.interview_id;
  }
  const id = expectedId(kind, doc as never) ?? randomUUID();
  if (db.rows(kind).some((r) => r.doc[entity.idField] === id)) return undefined;
  doc[entity.idField] = id;
  doc.pk = id;
  if (kind === 'test_session' && !composeFresh(doc, db)) return undefined;
  if (matches(kind, doc, rows, me, db) !== inside) return undefined;
  return wireDocOfKind(kind).parse(doc) as WireDoc;
}

/**
 * A new session as a device composes it (session-composition.ts), on an
 * invitation no session uses yet when the copied one named an invitation;
 * false when the seed holds no spare one.
 */
function composeFresh(doc: Doc, db: Snapshot): boolean {
  const assessment = db.live('assessment').find((a) => a.doc.assessment_id === doc.assessment_id)?.doc;
  if (!assessment) return true;
  if (doc.assessment_token_id !== undefined) {
    const taken = new Set(db.live('test_session').map((s) => s.doc.assessment_token_id));
    const spare = db
      .live('assessment_token')
      .find(
        (t) =>
          t.doc.assessment_id === doc.assessment_id &&
          sameEmail(t.doc.candidate_email, String(doc.candidate_email)) &&
          t.doc.is_used === false &&
          !taken.has(t.doc.id),
      );
    if (!spare) return false;
    doc.assessment_token_id = spare.doc.id;
  }
  const content = db
    .live('question')
    .filter((q) =>
      assessment.question_set_id
        ? q.doc.question_set_id === assessment.question_set_id
        : assessment.jd_id !== undefined && q.doc.jd_id === assessment.jd_id,
    );
  const composition = composeSession(
    String(doc.session_id),
    assessment as never,
    content.map((q) => String(q.doc.id)),
  );
  delete doc.question_set_id;
  delete doc.jd_id;
  Object.assign(doc, composition);
  return true;
}

/** Sets the `self` equalities of an own-rows filter (e.g. `author_id = me`). */
function satisfy(filter: RowFilter, doc: Doc, me: Me): void {
  if (filter === 'all' || filter === 'none') return;
  if ('eq' in filter && typeof filter.eq[1] === 'object') doc[filter.eq[0]] = resolve(filter.eq[1], me);
  else if ('and' in filter) filter.and.forEach((f) => satisfy(f, doc, me));
  else if ('or' in filter && filter.or[0]) satisfy(filter.or[0], doc, me);
}

/** The same document as the next version a device would push. */
export function edited(doc: WireDoc, changes: Doc, bump = true): WireDoc {
  const next = { ...doc, ...changes } as WireDoc;
  if (bump) next.updated_at = new Date(Date.parse(doc.updated_at as string) + 1).toISOString();
  return next;
}

/*
 * Independent of the table: what the issue asks of it, written down by hand
 * from the product's rules, so a wrong cell in the table fails against it.
 * `only`: the rows the role may ever receive; `never`: fields that must never
 * reach it; `neverWrite`: fields (or the whole kind) it must never change.
 */
type Owns = (doc: Doc, me: Me, db: Snapshot) => boolean;
export interface Policy {
  only?: Owns;
  never?: string[];
  neverWrite?: string[] | 'all';
}

const sameEmail = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();
const own = (field: string) => (doc: Doc, me: Me) => doc[field] === me.id;
const ownSession = (doc: Doc, me: Me) => doc.user_id === me.id || sameEmail(doc.candidate_email, me.email);
const inOwnSession = (field: string) => (doc: Doc, me: Me, db: Snapshot) =>
  db.live('test_session').some((s) => s.doc.session_id === doc[field] && ownSession(s.doc, me));
const publicOrMine = (doc: Doc, me: Me) => doc.is_private === false || doc.author_id === me.id;
const staffOrSelf = (doc: Doc, me: Me) => doc.role !== 'candidate' || doc.id === me.id;
const assigned = (doc: Doc, me: Me) =>
  doc.interviewer_id === me.id ||
  (Array.isArray(doc.additional_interviewers) && doc.additional_interviewers.includes(me.id));
const nothing: Owns = () => false;
/** A candidate of one of the interviews `me` is on. */
const myCandidate = (candidateId: unknown, me: Me, db: Snapshot) =>
  candidateId !== undefined &&
  db.live('interview_session').some((i) => i.doc.candidate_id === candidateId && assigned(i.doc, me));
const staffUser: Policy = { only: staffOrSelf, never: ['password_hash'], neverWrite: ['role', 'is_active'] };
const inbox = { notification: { only: own('user_id') }, admin_settings: { only: own('user_id') } };

export const policy: Record<PrincipalRole, Partial<Record<Kind, Policy>>> = {
  candidate: {
    ...inbox,
    user: { only: own('id'), never: ['password_hash'], neverWrite: ['role', 'is_active'] },
    question: { never: ['correct_answer'], neverWrite: 'all' },
    question_set: { neverWrite: 'all' },
    assessment: { only: (d) => d.is_published === true, neverWrite: 'all' },
    assessment_token: {
      only: (d, me) => sameEmail(d.candidate_email, me.email),
      never: ['token'],
      neverWrite: ['expires_at', 'assessment_id'],
    },
    test_session: { only: ownSession },
    answer: { only: inOwnSession('session_id'), never: ['is_correct'] },
    proctoring_event: {
      only: inOwnSession('test_session_id'),
      neverWrite: ['reviewed', 'reviewed_by', 'reviewer_notes', 'flagged'],
    },
    candidate: { only: (d, me) => sameEmail(d.email, me.email) },
    assessment_application: {
      only: (d, me, db) =>
        db.live('candidate').some((c) => c.doc.candidate_id === d.candidate_id && sameEmail(c.doc.email, me.email)),
    },
    uploaded_document: { only: own('user_id') },
    skill_match: { only: nothing },
    application_note: { only: nothing },
    job_requisition: { only: nothing },
    interview_session: { only: nothing },
    interview_feedback: { only: nothing },
  },
  recruiter: {
    ...inbox,
    user: { never: ['password_hash'], neverWrite: ['role', 'is_active'] },
    application_note: { only: publicOrMine },
  },
  interviewer: {
    ...inbox,
    user: staffUser,
    // Least privilege: only what the interviews they are on need of their candidates.
    candidate: { only: (d, me, db) => myCandidate(d.candidate_id, me, db) },
    assessment_application: { only: (d, me, db) => myCandidate(d.candidate_id, me, db) },
    uploaded_document: { only: (d, me, db) => myCandidate(d.candidate_id, me, db) },
    skill_match: {
      only: (d, me, db) =>
        db
          .live('uploaded_document')
          .some((f) => f.doc.file_id === d.cv_file_id && myCandidate(f.doc.candidate_id, me, db)),
    },
    application_note: {
      only: (d, me, db) =>
        publicOrMine(d, me) &&
        db
          .live('assessment_application')
          .some((a) => a.doc.application_id === d.application_id && myCandidate(a.doc.candidate_id, me, db)),
    },
    job_requisition: {
      only: (d, me, db) =>
        db.live('interview_session').some((i) => i.doc.requisition_id === d.requisition_id && assigned(i.doc, me)),
    },
    interview_session: { only: assigned },
    interview_feedback: { only: own('interviewer_id') },
    test_session: { only: nothing },
    answer: { only: nothing },
  },
  proctor: {
    ...inbox,
    user: staffUser,
    assessment_token: { never: ['token'], neverWrite: 'all' },
    answer: { neverWrite: 'all' },
    question: { never: ['correct_answer'], neverWrite: 'all' },
    test_session: { neverWrite: ['candidate_email', 'candidate_name'] },
    proctoring_event: { neverWrite: ['event_type', 'severity', 'detected_at', 'test_session_id'] },
  },
  admin: { ...inbox, user: { never: ['password_hash'] } },
  super_admin: { ...inbox, user: { never: ['password_hash'] } },
  station: stationPolicy(),
};

/** An exam station: its assessments' bundle, its own sessions, and nothing of anyone else. */
function stationPolicy(): Partial<Record<Kind, Policy>> {
  const served = (d: Doc, me: Me) => (me.assessmentIds ?? []).includes(d.assessment_id as string);
  const servedPublished = (d: Doc, me: Me) => served(d, me) && d.is_published === true;
  const content = (field: string) => (d: Doc, me: Me, db: Snapshot) =>
    d[field] !== undefined &&
    db.live('assessment').some((a) => a.doc[field] === d[field] && servedPublished(a.doc, me));
  const invited = (d: Doc, me: Me, db: Snapshot) =>
    db.live('assessment_token').some((t) => served(t.doc, me) && sameEmail(t.doc.candidate_email, String(d.email)));
  const ownSession = (d: Doc, me: Me) => d.station_id === me.id;
  const inOwn = (field: string) => (d: Doc, me: Me, db: Snapshot) =>
    db.live('test_session').some((s) => s.doc.session_id === d[field] && ownSession(s.doc, me));
  return {
    user: {
      only: (d) => d.is_active === true && ['proctor', 'admin', 'super_admin'].includes(d.role as string),
      never: ['password_hash', 'last_login_at', 'last_login_date', 'last_quiz_date'],
    },
    job_description: { only: content('jd_id'), never: ['extracted_text', 's3_key'] },
    question_set: { only: content('question_set_id') },
    question: {
      only: (d, me, db) => content('question_set_id')(d, me, db) || content('jd_id')(d, me, db),
      never: ['correct_answer'],
    },
    assessment: { only: servedPublished },
    assessment_token: {
      only: served,
      never: ['token'],
      neverWrite: ['expires_at', 'assessment_id', 'candidate_email'],
    },
    candidate: { only: invited, never: ['phone', 'location', 'linkedin_url', 'cv_file_id'] },
    assessment_application: {
      only: (d, me, db) =>
        served(d, me) &&
        db.live('candidate').some((c) => c.doc.candidate_id === d.candidate_id && invited(c.doc, me, db)),
    },
    test_session: { only: ownSession, neverWrite: ['needs_review', 'review_reason'] },
    answer: { only: inOwn('session_id'), never: ['is_correct'] },
    proctoring_event: {
      only: inOwn('test_session_id'),
      neverWrite: ['reviewed', 'reviewed_by', 'reviewer_notes', 'flagged'],
    },
    uploaded_document: { only: () => false },
    skill_match: { only: () => false },
    application_note: { only: () => false },
    job_requisition: { only: () => false },
    interview_session: { only: () => false },
    interview_feedback: { only: () => false },
    notification: { only: () => false },
    admin_settings: { only: () => false },
  };
}

/*
 * Ownership, independent of src-shared/permissions/ownership.ts: the fields
 * that record who did something, which nobody may set or change to name
 * anyone but themselves, and the rows a role may only ever write as its own.
 */
type Identity = 'id' | 'email';
const actors: Partial<Record<Kind, Record<string, Identity>>> = {
  job_description: { uploaded_by: 'id' },
  assessment: { created_by: 'id' },
  assessment_token: { created_by: 'id' },
  job_requisition: { created_by: 'id' },
  application_note: { author_id: 'id' },
  interview_feedback: { interviewer_id: 'id' },
  proctoring_event: { reviewed_by: 'id' },
  uploaded_document: { user_id: 'id' },
  skill_match: { user_id: 'id' },
  admin_settings: { user_id: 'id' },
};
const owners: Partial<Record<PrincipalRole, Partial<Record<Kind, Record<string, Identity>>>>> = {
  candidate: { test_session: { user_id: 'id', candidate_email: 'email' } },
};

/** The identity fields a push of `kind` by `role` must fill with the sender's own id or email. */
export function identityFields(role: PrincipalRole, kind: Kind): Map<string, Identity> {
  return new Map(Object.entries({ ...actors[kind], ...owners[role]?.[kind] }));
}

/** Rows the role must never change, whatever the table says (admins cannot touch super admins). */
export function neverWriteRow(role: PrincipalRole, kind: Kind, doc: Doc, me: Me, db: Snapshot): boolean {
  if (role === 'admin' && kind === 'user') return doc.role === 'super_admin';
  if (role === 'candidate' && kind === 'test_session') return !ownSession(doc, me);
  if (role === 'candidate' && kind === 'answer') return !inOwnSession('session_id')(doc, me, db);
  if (role === STATION && kind === 'test_session') return doc.station_id !== me.id;
  return false;
}

/**
 * The demo seed through the CLI's code path, plus what it lacks for the
 * signed-in candidate (its demo pipeline stops before the exam): two taken
 * exams, one scored but not yet released, one under way, and an uploaded
 * CV, written the way the seed writes. Returns a signed-in user per role.
 */
export async function seedDemo(server: TestServer): Promise<Record<PrincipalRole, TestUser>> {
  const report = await seedDatabase(server.sql, { password: PASSWORD });
  const users = {} as Record<PrincipalRole, TestUser>;
  for (const account of report.accounts) {
    if (account.email.split('@')[0] !== account.role.replace('_', '')) continue;
    const tokens = await login(server, account.email, PASSWORD);
    users[account.role] = { ...account, token: tokens.access_token, refresh: tokens.refresh_token };
  }
  const cara = users.candidate;
  const db = await snapshot(server.sql, kinds);
  const profile = db.live('candidate').find((c) => c.doc.email === cara.email)!.doc;
  const sessions = db.live('test_session');
  const done = sessions.filter((s) => s.doc.is_completed === true && s.doc.score_released_at !== undefined);
  const underWay = sessions.find((s) => s.doc.is_completed === false)!;
  const extra: [Kind, Doc][] = [];
  extra.push(
    ...copySessions(db, [done[0]!, done[1]!, underWay], (doc) => {
      Object.assign(doc, { user_id: cara.id, candidate_email: cara.email, candidate_name: profile.full_name });
    }),
  );
  const cv = db.live('uploaded_document').find((d) => d.doc.document_category === 'cv')!.doc;
  extra.push([
    'uploaded_document',
    { ...cv, file_id: randomUUID(), user_id: cara.id, candidate_id: profile.candidate_id },
  ]);
  extra.push(...(await stationSessions(server, users, db)));
  extra.push(...invitationsFor(extra, users.admin.id));
  // Staff accounts hold a PIN verifier (for unlocking exam stations), which only its owner may see.
  for (const u of db.live('user').filter((r) => r.doc.role !== 'candidate'))
    extra.push(['user', { ...u.doc, proctor_pin_hash: `verifier-of-${String(u.doc.id)}` }]);
  await server.sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, server.sql.schema);
    for (const [kind, doc] of extra) await writeRow(tx, kind, entities[kind].document.parse(doc) as Doc);
  });
  return users;
}

/**
 * An exam station signed in by the demo proctor for two of the three
 * published assessments (the third stays outside its scope), with sessions of
 * its own copied from the seed's: one released, one scored but not released,
 * one under way, each with its answers and proctoring events.
 */
async function stationSessions(server: TestServer, users: Record<PrincipalRole, TestUser>, db: Snapshot) {
  const served = db
    .live('assessment')
    .filter((a) => a.doc.is_published === true)
    .map((a) => a.doc.assessment_id as string)
    .slice(0, 2);
  users.station = await signInStation(server, users.proctor.email, served);
  const withEvents = (s: StoredRow) =>
    served.includes(s.doc.assessment_id as string) &&
    db.live('proctoring_event').some((e) => e.doc.test_session_id === s.doc.session_id);
  const sessions = db.live('test_session').filter(withEvents);
  const done = sessions.filter((s) => s.doc.is_completed === true && s.doc.score_released_at !== undefined);
  const underWay = sessions.find((s) => s.doc.is_completed === false) ?? done[2]!;
  return copySessions(db, [done[0]!, done[1]!, underWay], (doc) => {
    doc.station_id = users.station.id;
    delete doc.user_id;
  });
}

/**
 * Sessions taken by candidates and stations name an invitation of their
 * candidate (write/session-composition.ts): one for each copied session,
 * used, and a spare, unused one per candidate and assessment, for the
 * matrix's own new sessions.
 */
function invitationsFor(extra: [Kind, Doc][], createdBy: string): [Kind, Doc][] {
  const out: [Kind, Doc][] = [];
  const spare = new Set<string>();
  const invitation = (assessmentId: string, email: string, used: boolean): Doc => {
    const tokenHash = sha256Hex(`MATRIX-INVITE-${randomUUID()}`);
    return {
      id: expectedId('assessment_token', { token_hash: tokenHash } as never)!,
      token_hash: tokenHash,
      assessment_id: assessmentId,
      candidate_email: email,
      expires_at: '2099-01-01T00:00:00.000Z',
      is_used: used,
      ...(used ? { used_at: '2026-03-01T09:00:00.000Z' } : {}),
      created_by: createdBy,
      created_at: '2026-03-01T08:00:00.000Z',
      updated_at: '2026-03-01T08:00:00.000Z',
    };
  };
  for (const [kind, session] of extra) {
    if (kind !== 'test_session') continue;
    const [assessmentId, email] = [String(session.assessment_id), String(session.candidate_email)];
    const token = invitation(assessmentId, email, true);
    session.assessment_token_id = token.id;
    out.push(['assessment_token', token]);
    if (!spare.has(`${assessmentId}/${email}`)) out.push(['assessment_token', invitation(assessmentId, email, false)]);
    spare.add(`${assessmentId}/${email}`);
  }
  return out;
}

/**
 * Copies of three seeded sessions with their answers and proctoring events:
 * the first keeps its released score, the others are not released.
 */
function copySessions(db: Snapshot, from: StoredRow[], adapt: (session: Doc) => void): [Kind, Doc][] {
  const extra: [Kind, Doc][] = [];
  from.forEach((source, i) => {
    const sessionId = randomUUID();
    const session: Doc = { ...source.doc, session_id: sessionId };
    adapt(session);
    if (i > 0) delete session.score_released_at;
    extra.push(['test_session', session]);
    for (const a of db.live('answer').filter((r) => r.doc.session_id === source.doc.session_id)) {
      const id = expectedId('answer', { session_id: sessionId, question_id: a.doc.question_id as string });
      extra.push(['answer', { ...a.doc, id, session_id: sessionId }]);
    }
    for (const e of db.live('proctoring_event').filter((r) => r.doc.test_session_id === source.doc.session_id))
      extra.push(['proctoring_event', { ...e.doc, event_id: randomUUID(), test_session_id: sessionId }]);
  });
  return extra;
}
