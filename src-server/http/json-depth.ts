import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/*
 * Bounds how deeply a JSON body may nest, before schema validation. zod
 * validates recursively (e.g. the free-form `metadata` and `settings`
 * objects), so a body nested a few thousand levels deep overflowed the stack
 * there and came back 500. JSON.parse itself is iterative in V8 and copes.
 * The walk below is iterative too and visits objects and arrays only, so it
 * costs little even on a 32 MB push of long texts. No document of the domain
 * model comes near the limit.
 */

export const MAX_JSON_DEPTH = 64;

/** Whether `value` nests objects and arrays more than `max` levels deep (a flat object is 1). */
export function exceedsDepth(value: unknown, max: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: [object, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return true;
    const children = Array.isArray(node) ? node : isPlainObject(node) ? Object.values(node) : [];
    for (const child of children) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/** What JSON.parse produces; a Buffer (a snapshot upload's body) or other objects are not walked. */
function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Refuses (400) any request body nested deeper than `max`, on every route, before validation. */
export function installJsonDepthLimit(app: FastifyInstance, max = MAX_JSON_DEPTH): void {
  app.addHook('preValidation', async (request) => {
    if (exceedsDepth(request.body, max)) {
      const message = `is nested deeper than ${max} levels`;
      throw new HttpError(400, `The JSON body ${message}`, [{ field: 'body', rule: 'max_depth', message }]);
    }
  });
}
