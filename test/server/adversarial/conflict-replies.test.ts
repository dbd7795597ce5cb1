import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserRole } from '../../../src-shared/domain/enums';
import { entities, type Kind } from '../../../src-shared/domain/registry';
import { permissionTable } from '../../../src-shared/permissions';
import { STATION, type PrincipalRole } from '../../../src-shared/permissions/principal';
import { collectionFor } from '../../../src-shared/storage/layout';
import type { WireDoc } from '../../../src-shared/sync/wire';
import { readRows, type StoredRow } from '../../../src-server/db/rows';
import { notification } from '../fixtures';
import { create, push, startServer, type TestServer, type TestUser } from '../harness';
import {
  concealedFields,
  expectedWire,
  harmlessness,
  matches,
  mutation,
  rawWire,
  seedDemo,
  snapshot,
  type Snapshot,
} from '../permission-matrix';

/*
 * Conflict replies and refusals never reveal a row, or a field of a row, that
 * the sender may not pull (src-server/sync/write/reveal.ts). The probe's case:
 * an admin, who may send notifications to anyone but read only their own,
 * pushed another user's notification with a stale assumed state and got the
 * whole stored notification back. Here every role pushes, for every kind it
 * may write, stale copies of stored rows (one it may pull, one it may write
 * but not pull, one it may not write), each with a field changed, and every
 * answer is checked against what the role may pull: a master in scope exactly
 * as a pull shows it, anything else only what the sender itself sent.
 */

let server: TestServer;
let users: Record<PrincipalRole, TestUser>;
let db: Snapshot;

beforeAll(async () => {
  server = await startServer();
  users = await seedDemo(server);
});
afterAll(() => server.close());

const pkOf = (row: StoredRow) => row.doc[entities[row.kind].idField] as string;

/** The most harmless field of `doc` to change, with a new value, or undefined. */
function probeField(doc: WireDoc): { field: string; value: unknown } | undefined {
  const entity = entities[doc.kind];
  const decided = new Set<string>(entity.serverDecided);
  const fields = entity.fields
    .filter((f) => f !== entity.idField && f !== 'updated_at' && f !== 'created_at' && !decided.has(f))
    .sort((a, b) => harmlessness(doc, a) - harmlessness(doc, b));
  for (const field of fields) {
    const value = mutation(doc, field);
    if (value !== undefined) return { field, value };
  }
  return undefined;
}

/** A stale copy of `row` the role could send: what it may see of it, one field changed, an older assumed state. */
function staleCopy(role: PrincipalRole, row: StoredRow) {
  const concealed = concealedFields(role, row.kind);
  const raw = rawWire(row);
  const seen = Object.fromEntries(Object.entries(raw).filter(([k]) => !concealed.has(k))) as WireDoc;
  const probe = probeField(seen);
  if (!probe) return undefined;
  const next = { ...seen, [probe.field]: probe.value } as WireDoc;
  const assumed = { ...seen, updated_at: new Date(Date.parse(String(seen.updated_at)) - 60_000).toISOString() };
  return { next, assumed: assumed as WireDoc, probe, original: row.doc[probe.field] };
}

async function checkKind(role: PrincipalRole, kind: Kind) {
  const rule = permissionTable[role][kind]!;
  const me = users[role];
  const pullable = (r: StoredRow) => matches(kind, r.doc, rule.pull, me, db);
  const pushable = (r: StoredRow) => matches(kind, r.doc, rule.push!.rows, me, db);
  const live = db.live(kind);
  const picks = [
    live.find((r) => pullable(r) && pushable(r)),
    live.find((r) => !pullable(r) && pushable(r)),
    live.find((r) => !pushable(r)),
  ].filter((r): r is StoredRow => r !== undefined);
  let checked = 0;
  for (const row of picks) {
    const copy = staleCopy(role, row);
    if (!copy) continue;
    const collection = collectionFor(kind)!;
    const res = await push(server, me, collection, [{ assumedMasterState: copy.assumed, newDocumentState: copy.next }]);
    const after = (await readRows(server.sql, kind, [pkOf(row)])).get(pkOf(row))!;
    const label = `${role}/${kind} ${pkOf(row)} (${copy.probe.field})`;
    checked++;
    if (res.statusCode !== 200) {
      // A refusal names fields and rules; it never quotes what is stored.
      expect([400, 403, 409], `${label}: ${res.body}`).toContain(res.statusCode);
      if (typeof copy.original === 'string' && copy.original.length >= 4)
        expect(res.body, label).not.toContain(copy.original);
      continue;
    }
    for (const reply of res.json<WireDoc[]>()) {
      expect(reply.pk, label).toBe(copy.next.pk);
      if (pullable(after)) {
        expect(reply, `${label}: as a pull shows it`).toEqual(expectedWire(role, after, me, db));
      } else {
        // Out of scope: the sender's own document, marked deleted; nothing of the stored row.
        expect(reply._deleted, label).toBe(true);
        for (const [field, value] of Object.entries(reply)) {
          if (field === '_deleted') continue;
          expect(value, `${label}: ${field}`).toEqual(copy.next[field]);
        }
      }
    }
  }
  return checked;
}

const roles = [...UserRole.options, STATION] as PrincipalRole[];

describe('conflict replies on every kind', () => {
  it.each(roles)('%s: never more than it may pull', async (role) => {
    db = await snapshot(server.sql, Object.keys(entities) as Kind[]);
    const kinds = (Object.keys(permissionTable[role]) as Kind[]).filter((k) => permissionTable[role][k]?.push);
    let checked = 0;
    for (const kind of kinds) checked += await checkKind(role, kind);
    // Each role with a push rule was probed on at least one stored row.
    expect(checked, role).toBeGreaterThan(0);
  });

  it('answers an admin’s stale push of someone else’s notification with what the admin sent, nothing stored', async () => {
    const inbox = notification(users.recruiter.id, { title: 'Your interview moved', message: 'Now at 10:00' });
    await create(server, users.super_admin, 'inbox', [inbox]);
    const guess = { ...inbox, title: 'Probe', message: 'Probe', updated_at: '2026-03-01T09:00:01.000Z' } as WireDoc;
    const stale = { ...inbox, title: 'Older', updated_at: '2026-02-01T00:00:00.000Z' } as WireDoc;
    const res = await push(server, users.admin, 'inbox', [{ assumedMasterState: stale, newDocumentState: guess }]);
    expect(res.statusCode).toBe(200);
    const [reply] = res.json<WireDoc[]>();
    expect(reply).toMatchObject({ pk: inbox.pk, _deleted: true, title: 'Probe', message: 'Probe' });
    expect(res.body).not.toContain('Your interview moved');
    expect(res.body).not.toContain('Now at 10:00');
  });
});
