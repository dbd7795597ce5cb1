import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerRefusal } from '../../src-shared/domain/answer-window';
import { UserRole } from '../../src-shared/domain/enums';
import { STATION, type PrincipalRole } from '../../src-shared/permissions/principal';
import { entities, type Kind } from '../../src-shared/domain/registry';
import { accessFor, filterFields, permissionTable } from '../../src-shared/permissions';
import { expectedId } from '../../src-shared/storage/stored-doc';
import { collectionLayout, collectionNames, type CollectionName } from '../../src-shared/storage/layout';
import { freezeRefusal } from '../../src-shared/sync/conflict-rules';
import type { WireDoc } from '../../src-shared/sync/wire';
import type { RowFilter } from '../../src-shared/permissions/row-filter';
import { readRows, type StoredRow } from '../../src-server/db/rows';
import { pull, pullAll, push, startServer, type TestServer, type TestUser } from './harness';
import {
  concealedFields,
  edited,
  expectedWire,
  filteredFields,
  freshDoc,
  harmlessness,
  hiddenFields,
  identityFields,
  matches,
  mutation,
  neverWriteRow,
  policy,
  rawWire,
  seedDemo,
  snapshot,
  writableFields,
  type Snapshot,
} from './permission-matrix';

/*
 * The permission table (src-shared/permissions/table.ts), cell by cell, over
 * HTTP: for every role and every client collection, what a pull returns and
 * what a push of each kind may change, on one server holding the demo seed.
 * The expectations come from the table (evaluated here in JavaScript, apart
 * from the server's SQL) and from a hand-written policy (permission-matrix.ts)
 * that a wrong cell in the table would break.
 */

let server: TestServer;
let users: Record<PrincipalRole, TestUser>;

beforeAll(async () => {
  server = await startServer();
  users = await seedDemo(server);
});
afterAll(() => server.close());

const kindsOf = (collection: CollectionName): readonly Kind[] => collectionLayout[collection].kinds;
const pullable = (role: PrincipalRole, collection: CollectionName) =>
  kindsOf(collection).filter((k) => (permissionTable[role][k]?.pull ?? 'none') !== 'none');
const pkOf = (row: StoredRow) => row.doc[entities[row.kind].idField] as string;

function load(role: PrincipalRole, collection: CollectionName): Promise<Snapshot> {
  const wanted = new Set<Kind>([
    'test_session',
    'assessment',
    'assessment_token',
    'question',
    'interview_session',
    'candidate',
    'answer',
  ]);
  for (const kind of kindsOf(collection)) {
    wanted.add(kind);
    const rule = permissionTable[role][kind];
    for (const f of [rule?.pull ?? 'none', rule?.push?.rows ?? 'none', ...(rule?.withhold ?? []).map((w) => w.until)])
      filterFields(kind, f).forEach(([k]) => wanted.add(k));
  }
  return snapshot(server.sql, wanted);
}

async function stored(kind: Kind, pk: string): Promise<StoredRow | undefined> {
  return (await readRows(server.sql, kind, [pk])).get(pk);
}

function summary(role: PrincipalRole, kind: Kind): string {
  const rule = permissionTable[role][kind];
  if (!rule || rule.pull === 'none') return 'no access';
  if (!rule.push) return 'read only';
  const { fields, rows, create, delete: del } = rule.push;
  const what = fields === 'all' ? 'all fields' : `${fields.length} fields`;
  return `writes ${what} of ${rows === 'all' ? 'any' : 'own'} rows${create ? ', creates' : ''}${del ? ', deletes' : ''}`;
}

async function checkPull(role: PrincipalRole, collection: CollectionName) {
  const me = users[role];
  const kinds = pullable(role, collection);
  if (!kinds.length) {
    expect((await pull(server, me, collection)).statusCode).toBe(403);
    return;
  }
  const { documents } = await pullAll(server, me, collection);
  const db = await load(role, collection);
  for (const kind of kindsOf(collection)) {
    const got = documents.filter((d) => d.kind === kind);
    if (!kinds.includes(kind)) {
      expect(got, `${kind} is not this role's`).toEqual([]);
      continue;
    }
    const rule = permissionTable[role][kind]!;
    const rows = db.rows(kind).filter((r) => matches(kind, r.doc, rule.pull, me, db));
    expect(got.map((d) => d.pk).sort(), `${kind}: the rows the filter selects`).toEqual(rows.map(pkOf).sort());
    const byPk = new Map(got.map((d) => [d.pk, d]));
    for (const row of rows)
      expect(byPk.get(pkOf(row)), `${kind} ${pkOf(row)}`).toEqual(expectedWire(role, row, me, db));
    const never = [...hiddenFields(role, kind), ...(policy[role][kind]?.never ?? [])];
    for (const doc of got) for (const field of never) expect(doc, `${kind} ${doc.pk}`).not.toHaveProperty(field);
    for (const w of rule.withhold ?? []) {
      const holds = (r: StoredRow) => [...w.fields].some((f) => r.doc[f] !== undefined);
      const held = rows.filter((r) => holds(r) && !matches(kind, r.doc, w.until, me, db));
      const shown = rows.filter((r) => holds(r) && matches(kind, r.doc, w.until, me, db));
      expect([held.length, shown.length].map(Boolean), `${kind}: withheld and revealed rows`).toEqual([true, true]);
      for (const r of held) for (const f of w.fields) expect(byPk.get(pkOf(r))).not.toHaveProperty(f);
      for (const r of shown) for (const f of w.fields) expect(byPk.get(pkOf(r))![f]).toEqual(r.doc[f]);
    }
    // The hand-written policy: exactly the rows it names, and at least one where the seed holds any.
    const only = policy[role][kind]?.only;
    const intended = db.rows(kind).filter((r) => only?.(r.doc, me, db) ?? true);
    if (only)
      expect(got.map((d) => d.pk).sort(), `${kind}: the rows ${role} is meant to see`).toEqual(
        intended.map(pkOf).sort(),
      );
    if (intended.some((r) => !r.deleted))
      expect(got.length, `${kind}: the seed holds rows for ${role}`).toBeGreaterThan(0);
  }
}

/** Pushes one row; returns the response. */
function pushOne(collection: CollectionName, role: PrincipalRole, next: WireDoc, assumed?: WireDoc) {
  return push(server, users[role], collection, [{ assumedMasterState: assumed ?? null, newDocumentState: next }]);
}

async function expectRefused(
  collection: CollectionName,
  role: PrincipalRole,
  row: StoredRow,
  assumed: WireDoc,
  next: WireDoc,
  status: number,
  rule?: string,
) {
  const res = await pushOne(collection, role, next, assumed);
  expect(res.statusCode, res.body).toBe(status);
  if (rule) expect(res.json<{ errors: { rule: string }[] }>().errors[0]!.rule).toBe(rule);
  expect(await stored(row.kind, pkOf(row)), 'the stored row is unchanged').toEqual(row);
}

/** A field of `doc` to change (the most harmless first) among `fields`, with its new value. */
function change(doc: WireDoc, fields: Iterable<string>): { field: string; value: unknown } | undefined {
  const sorted = [...fields]
    .filter((f) => f !== entities[doc.kind].idField)
    .sort((a, b) => harmlessness(doc, a) - harmlessness(doc, b));
  for (const field of sorted) {
    const value = mutation(doc, field);
    if (value !== undefined) return { field, value };
  }
  return undefined;
}

async function checkPush(role: PrincipalRole, collection: CollectionName, kind: Kind) {
  const me = users[role];
  const rule = permissionTable[role][kind];
  const entity = entities[kind];
  let db = await load(role, collection);
  const visible = (r: StoredRow) => rule !== undefined && matches(kind, r.doc, rule.pull, me, db);
  const asSeen = (r: StoredRow) => (visible(r) ? expectedWire(role, r, me, db) : rawWire(r));

  if (!rule?.push) {
    const row = db.live(kind).find(visible) ?? db.live(kind)[0]!;
    const doc = asSeen(row);
    const { field, value } = change(doc, entity.fields)!;
    const accessible = pullable(role, collection).length > 0;
    await expectRefused(
      collection,
      role,
      row,
      doc,
      edited(doc, { [field]: value }),
      403,
      accessible ? 'forbidden' : undefined,
    );
    // One settings row per user: a principal without any (a station) tries one of its own.
    const copy = (freshDoc(doc, me, db, { keep: 'all', rows: 'all', inside: true }) ??
      freshDoc({ ...doc, user_id: me.id }, me, db, { keep: 'all', rows: 'all', inside: true }))!;
    expect((await pushOne(collection, role, copy)).statusCode).toBe(403);
    expect(await stored(kind, copy.pk)).toBeUndefined();
    return;
  }

  const { rows, create, delete: mayDelete } = rule.push;
  const writable = writableFields(role, kind)!;
  const p = policy[role][kind] ?? {};
  expect(p.neverWrite, `${role} must never write ${kind}`).not.toBe('all');
  const mine = () => db.live(kind).filter((r) => visible(r) && matches(kind, r.doc, rows, me, db));

  // Rows outside the role's own, and rows the policy says are never the role's: refused.
  const outside = db.live(kind).find((r) => !matches(kind, r.doc, rows, me, db));
  const never = db.live(kind).find((r) => neverWriteRow(role, kind, r.doc, me, db));
  for (const row of new Set([outside, never].filter((r) => r !== undefined))) {
    const doc = asSeen(row);
    const { field, value } = change(doc, writable) ?? change(doc, entity.fields)!;
    await expectRefused(collection, role, row, doc, edited(doc, { [field]: value }), 403, 'forbidden');
  }

  // Creation, inside the role's own rows and outside them.
  const base = mine()[0] ?? db.live(kind).find(visible) ?? db.live(kind)[0]!;
  let created: WireDoc | undefined;
  if (!create) {
    // The role's own rows may not admit a new one (its own account): then one outside them.
    const copy = (freshDoc(asSeen(base), me, db, { keep: 'all', rows, inside: true }) ??
      freshDoc(asSeen(base), me, db, { keep: 'all', rows, inside: false }))!;
    const res = await pushOne(collection, role, copy);
    expect([res.statusCode, res.json<{ errors: { rule: string }[] }>().errors[0]!.rule]).toEqual([
      403,
      'create_forbidden',
    ]);
    expect(await stored(kind, copy.pk)).toBeUndefined();
  } else {
    created = freshDoc(asSeen(base), me, db, { keep: writable, rows, inside: true });
    // Only a kind with one row per user leaves nothing to create: the role's row exists.
    if (!created) expect([entity.uniqueBy, mine().length > 0]).toEqual([['user_id'], true]);
    if (created) {
      const res = await pushOne(collection, role, created);
      expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
      const row = await stored(kind, created.pk);
      expect(row?.deleted).toBe(false);
      for (const field of writable) expect(row!.doc[field], field).toEqual(created[field]);
    }
    const foreign = outside && freshDoc(asSeen(outside), me, db, { keep: writable, rows, inside: false });
    if (foreign) {
      expect((await pushOne(collection, role, foreign)).statusCode).toBe(403);
      expect(await stored(kind, foreign.pk)).toBeUndefined();
    }
    db = await load(role, collection);
  }

  // An update the role may make: a writable field that no filter reads and no rule freezes.
  const immutable = new Set(Object.keys(entity.create.shape).filter((f) => !(f in entity.update.shape)));
  const filtered = filteredFields(kind);
  const candidates = [...writable].filter(
    (f) => !immutable.has(f) && !filtered.has(f) && f !== 'created_at' && f !== 'updated_at',
  );
  let target: { row: StoredRow; field: string; value: unknown } | undefined;
  let frozenOnly: typeof target;
  for (const row of mine().sort((a, b) => Number(pkOf(a) === created?.pk) - Number(pkOf(b) === created?.pk))) {
    const doc = expectedWire(role, row, me, db);
    const allowed = (field: string, value: unknown) => {
      if (kind !== 'answer') return true;
      const next = edited(doc, { [field]: value });
      const session = db.live('test_session').find((s) => s.doc.session_id === row.doc.session_id);
      const minutes = db.live('assessment').find((a) => a.doc.assessment_id === session?.doc.assessment_id)?.doc
        .duration_minutes as number | undefined;
      return !session || !answerRefusal(next as never, session.doc as never, minutes);
    };
    const unfrozen = (field: string, value: unknown) =>
      !freezeRefusal(kind, { role, current: row.doc, next: { ...row.doc, [field]: value }, deleting: false });
    const free = change(
      doc,
      candidates.filter((f) => allowed(f, mutation(doc, f)) && unfrozen(f, mutation(doc, f))),
    );
    if (free) {
      target = { row, ...free };
      break;
    }
    const found = change(
      doc,
      candidates.filter((f) => allowed(f, mutation(doc, f))),
    );
    frozenOnly ??= found && { row, ...found };
  }
  if (!target && frozenOnly) {
    // Every field the table grants is frozen by the conflict table once the row exists
    // (stations' proctoring events): the write is answered like a conflict, with the master.
    const { row, field, value } = frozenOnly;
    const doc = expectedWire(role, row, me, db);
    const res = await pushOne(collection, role, edited(doc, { [field]: value }), doc);
    expect([res.statusCode, res.json()], res.body).toEqual([200, [doc]]);
    expect(await stored(kind, pkOf(row)), 'the stored row is unchanged').toEqual(row);
    // What remains the station's to change is the audit time.
    target = { row, field: 'updated_at', value: edited(doc, {}).updated_at };
  }
  const { row, field, value } = target!;
  const doc = expectedWire(role, row, me, db);
  const res = await pushOne(collection, role, edited(doc, { [field]: value }), doc);
  expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
  const after = (await stored(kind, pkOf(row)))!;
  expect(after.doc[field], field).toEqual(value);
  const serverOwned = new Set<string>(entity.serverDecided);
  for (const f of entity.fields)
    if (f !== field && f !== 'updated_at' && !serverOwned.has(f)) expect(after.doc[f], f).toEqual(row.doc[f]);

  // Changes the role may not make, from the copy it holds now: each refused, the row unchanged.
  db = await load(role, collection);
  const now = expectedWire(role, after, me, db);
  const concealed = concealedFields(role, kind);
  const notWritable = entity.fields.filter((f) => !writable.has(f) && !serverOwned.has(f) && !concealed.has(f));
  const first = change(now, notWritable);
  const attempts = new Map<string, unknown>(first ? [[first.field, first.value]] : []);
  for (const f of p.neverWrite === 'all' ? [] : (p.neverWrite ?? [])) attempts.set(f, mutation(now, f));
  for (const [f, v] of attempts) {
    expect(v, `a new value for ${f}`).toBeDefined();
    await expectRefused(collection, role, after, now, edited(now, { [f]: v }), 403, 'not_writable');
  }
  const frozen = change(
    now,
    [...writable].filter((f) => immutable.has(f)),
  );
  if (frozen)
    await expectRefused(collection, role, after, now, edited(now, { [frozen.field]: frozen.value }), 400, 'immutable');
  const owned = change(
    now,
    [...serverOwned].filter((f) => !concealed.has(f)),
  );
  if (owned) {
    const res = await pushOne(collection, role, edited(now, { [owned.field]: owned.value }, false), now);
    expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
    expect((await stored(kind, now.pk))!.doc[owned.field], `server-owned ${owned.field}`).toEqual(
      after.doc[owned.field],
    );
  }

  await checkOwnership(role, collection, kind, { create, writable, rows, target: after, immutable });

  // Deletion.
  if (mayDelete) {
    expect(created, 'a document of its own to delete').toBeDefined();
    const mineNow = expectedWire(role, (await stored(kind, created!.pk))!, me, db);
    const res = await pushOne(collection, role, { ...mineNow, _deleted: true }, mineNow);
    expect([res.statusCode, res.json()], res.body).toEqual([200, []]);
    expect((await stored(kind, created!.pk))!.deleted).toBe(true);
  } else {
    const current = (await stored(kind, now.pk))!;
    const seen = expectedWire(role, current, me, db);
    await expectRefused(collection, role, current, seen, { ...seen, _deleted: true }, 403, 'delete_forbidden');
  }
}

/** Someone other than `me`: an id or an email of another seeded account, and not `besides`. */
function someoneElse(me: TestUser, names: 'id' | 'email', besides?: unknown): string {
  const others = [users.admin, users.recruiter, users.proctor].filter((u) => u.id !== me.id);
  const values = others.map((u) => (names === 'id' ? u.id : u.email));
  return values.find((v) => v !== besides)!;
}

/**
 * Ownership: every identity field the role may write is compiled into its
 * access (against the hand-written list), and a push that fills one with
 * someone else's id or email, on creation or as a change, is refused with
 * `not_owner` and stores nothing.
 */
async function checkOwnership(
  role: PrincipalRole,
  collection: CollectionName,
  kind: Kind,
  cell: { create: boolean; writable: Set<string>; rows: RowFilter; target: StoredRow; immutable: Set<string> },
) {
  const me = users[role];
  const expected = [...identityFields(role, kind)].filter(([field]) => cell.writable.has(field));
  const compiled = accessFor(role, kind)!.push!.owned.map((o) => [o.field, o.names]);
  expect(compiled.sort(), `${role}/${kind}: identity fields`).toEqual(expected.sort());
  const db = await load(role, collection);
  for (const [field, names] of expected) {
    const foreign = someoneElse(me, names);
    if (cell.create) {
      const fresh = freshDoc(expectedWire(role, cell.target, me, db), me, db, {
        keep: cell.writable,
        rows: cell.rows,
        inside: true,
      });
      if (fresh) {
        const forged = { ...fresh, [field]: foreign } as WireDoc;
        const id = expectedId(kind, forged as never);
        if (id) Object.assign(forged, { [entities[kind].idField]: id, pk: id });
        const res = await pushOne(collection, role, forged);
        expect([res.statusCode, res.json<{ errors: { rule: string }[] }>().errors?.[0]?.rule], res.body).toEqual([
          403,
          'not_owner',
        ]);
        expect(await stored(kind, forged.pk), `${field} naming someone else is not stored`).toBeUndefined();
      }
    }
    if (!cell.immutable.has(field)) {
      // A write that leaves someone else's stored value alone is not one in their name; a change is.
      const row = (await stored(kind, pkOf(cell.target)))!;
      const doc = expectedWire(role, row, me, db);
      const other = someoneElse(me, names, row.doc[field]);
      await expectRefused(collection, role, row, doc, edited(doc, { [field]: other }), 403, 'not_owner');
    }
  }
}

// Every role, and exam stations (a principal next to the roles: src-shared/permissions/principal.ts).
describe.each([...UserRole.options, STATION] as PrincipalRole[])('%s', (role) => {
  describe.each(collectionNames)('%s', (collection) => {
    const kinds = pullable(role, collection);
    it(kinds.length ? `pull: ${kinds.join(', ')}` : 'pull: refused', () => checkPull(role, collection));
    it.each(kindsOf(collection).map((kind) => ({ kind, rule: summary(role, kind) })))('push $kind: $rule', ({ kind }) =>
      checkPush(role, collection, kind),
    );
  });
});
