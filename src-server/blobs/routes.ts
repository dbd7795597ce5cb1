import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  MAX_SNAPSHOT_BYTES,
  SNAPSHOT_CONTENT_TYPE,
  SNAPSHOT_PATH_PREFIX,
} from '../../src-shared/proctoring/snapshot-url';
import type { Authenticate } from '../auth/guard';
import type { Sql } from '../db/sql';
import { HttpError } from '../http/errors';
import { mayUploadFor, maySeeSnapshots } from './access';
import { jpegProblem } from './jpeg';
import { ensureBlobSchema } from './schema';

/*
 * The blob store for proctoring snapshots, content-addressed:
 *   PUT /blobs/snapshots/<sha256>?session_id=<test session>   body: the JPEG
 *   GET /blobs/snapshots/<sha256>
 * A PUT is idempotent: the name is the SHA-256 of the body (checked), one row
 * per digest, so a retry or a second station sending the same bytes stores
 * nothing new (201 the first time, 200 after). Who may do which is access.ts.
 */

export interface BlobDeps {
  sql: Sql;
  authenticate: Authenticate;
}

const Digest = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase SHA-256 hex digest') });
const UploadQuery = z.object({ session_id: z.string().min(1).max(200) });

export async function blobRoutes(app: FastifyInstance, deps: BlobDeps): Promise<void> {
  await ensureBlobSchema(deps.sql);
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      SNAPSHOT_CONTENT_TYPE,
      { parseAs: 'buffer', bodyLimit: MAX_SNAPSHOT_BYTES },
      (_request, body, done) => done(null, body),
    );
    routes(scope, deps);
  });
}

function routes(app: FastifyInstance, { sql, authenticate }: BlobDeps) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const url = `${SNAPSHOT_PATH_PREFIX}:sha256`;

  api.put(
    url,
    { schema: { params: Digest, querystring: UploadQuery }, bodyLimit: MAX_SNAPSHOT_BYTES },
    async (request, reply) => {
      const principal = await authenticate(request);
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
      if (type !== SNAPSHOT_CONTENT_TYPE || !Buffer.isBuffer(request.body))
        throw new HttpError(415, `A snapshot must be sent as ${SNAPSHOT_CONTENT_TYPE}`);
      const body = request.body;
      const digest = createHash('sha256').update(body).digest('hex');
      if (digest !== request.params.sha256)
        throw new HttpError(400, `The body's SHA-256 is ${digest}, not the ${request.params.sha256} named in the URL`);
      const sessionId = request.query.session_id;
      if (!(await mayUploadFor(sql, principal, sessionId)))
        throw new HttpError(403, `You may not add snapshots to test session ${sessionId}, or it does not exist yet`);
      // Decoding costs up to ~240 ms (jpeg.ts): only for a sender the permission table lets upload here.
      const problem = jpegProblem(body); // structure, then a decode within limits
      if (problem) throw new HttpError(415, `The body is not an acceptable JPEG image: ${problem}`);
      const inserted = await sql.query(
        `INSERT INTO snapshot_blobs (sha256, content_type, size, bytes, test_session_id, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING RETURNING sha256`,
        [digest, SNAPSHOT_CONTENT_TYPE, body.length, body, sessionId, principal.id],
      );
      request.log.info({ sha256: digest, sessionId, stored: inserted.length > 0 }, 'snapshot upload');
      return reply.status(inserted.length ? 201 : 200).send({ sha256: digest, size: body.length });
    },
  );

  api.get(url, { schema: { params: Digest } }, async (request, reply) => {
    const principal = await authenticate(request);
    if (!maySeeSnapshots(principal.role)) throw new HttpError(403, 'Only proctors and admins may view snapshots');
    const [row] = await sql.query<{ content_type: string; bytes: Uint8Array }>(
      'SELECT content_type, bytes FROM snapshot_blobs WHERE sha256 = $1',
      [request.params.sha256],
    );
    if (!row) throw new HttpError(404, 'No such snapshot (not uploaded yet?)');
    return reply
      .header('content-type', row.content_type)
      .header('cache-control', 'private, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength));
  });
}
