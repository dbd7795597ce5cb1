import { namesPrincipal } from '../../../src-shared/permissions/ownership';
import { sameJson } from '../../../src-shared/sync/equality';
import type { Principal } from '../../auth/principal';
import type { FieldProblem } from '../../http/errors';
import { at, fail, type Planned } from './batch';

/*
 * Step 4, ownership (src-shared/permissions/ownership.ts): every identity
 * field the write sets, changes or relies on names the sender. A field
 * naming someone else fails the batch with a 403 naming the field: the
 * server never stores a row in another person's name, and never guesses
 * whom a device meant.
 */

type Doc = Record<string, unknown>;

export function ownershipProblems(p: Planned, principal: Principal, doc: Doc): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stored = p.current && !p.current.deleted ? p.current.doc : undefined;
  for (const owned of p.access.push?.owned ?? []) {
    const value = doc[owned.field];
    if (value === undefined && owned.optional) continue;
    if (owned.when === 'written' && stored && sameJson(value, stored[owned.field])) continue;
    if (namesPrincipal(value, owned.names, principal)) continue;
    const whom = owned.names === 'id' ? 'your own account id' : 'your own email';
    problems.push({
      field: at(p.index, owned.field),
      rule: 'not_owner',
      message: `must be ${whom}: a ${p.kind} cannot be written in someone else's name`,
    });
  }
  return problems;
}

/** Fails the batch if the document names anyone but the sender where it must name the sender. */
export function checkOwnership(p: Planned, principal: Principal, doc: Doc): void {
  const problems = ownershipProblems(p, principal, doc);
  if (problems.length) fail(403, problems);
}
