import type { z } from 'zod';
import { entities } from '../../../src-shared/domain/registry';
import { expectedId } from '../../../src-shared/storage/stored-doc';
import { fieldErrorsOf } from '../../../src-shared/domain/field-errors';
import type { FieldProblem } from '../../http/errors';
import { at, type Planned } from './batch';

/*
 * Step 7 (before the write), validation: the document about to be stored is
 * a valid entity document. The route's wire schema already checked what was
 * pushed; this checks what the earlier steps made of it (kept fields, initial
 * values, a merge, the server's composition).
 */

export function validationProblems(p: Planned, doc: Record<string, unknown>): FieldProblem[] {
  const entity = entities[p.kind];
  const result = (entity.document as z.ZodType).safeParse(doc);
  const problems: FieldProblem[] = result.success ? [] : fieldErrorsOf(result.error.issues, at(p.index, ''));
  // The derived id (a hash, the costliest check here) is computed again only
  // if the pipeline changed the id or a field it derives from.
  const sameKey = [entity.idField, ...entity.uniqueBy].every((f) => doc[f] === p.incoming[f]);
  const expected = sameKey ? undefined : expectedId(p.kind, doc as never);
  if (expected !== undefined && doc[entity.idField] !== expected) {
    problems.push({ field: at(p.index, entity.idField), rule: 'derived_id', message: `must be "${expected}"` });
  }
  return problems;
}
