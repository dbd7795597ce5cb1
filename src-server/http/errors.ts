import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ruleOf, type FieldError } from '../../src-shared/domain/field-errors';
import type { ApiError } from '../../src-shared/sync/wire';

/** A field error as the server reports it: the one shape every side uses (src-shared/domain/field-errors.ts). */
export type FieldProblem = FieldError;

/** An error with the HTTP status and the per-field problems the client is told about. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly errors?: FieldProblem[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

function body(statusCode: number, message: string, errors?: FieldProblem[]): ApiError {
  return { statusCode, error: STATUS_TEXT[statusCode] ?? 'Error', message, ...(errors ? { errors } : {}) };
}

export function summarise(errors: FieldProblem[]): string {
  const shown = errors.slice(0, 5).map((e) => `${e.field || '(body)'}: ${e.message} [${e.rule}]`);
  return shown.join('; ') + (errors.length > 5 ? `; and ${errors.length - 5} more` : '');
}

/**
 * Every failure leaves as { statusCode, error, message, errors? }. Schema
 * failures name each field (dotted path, prefixed by where it was: body,
 * querystring, params) and the zod rule it broke.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = error.validationContext ?? 'body';
      const errors = error.validation.map((v) => ({
        field: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        rule: ruleOf(v.keyword),
        message: v.message ?? 'is invalid',
      }));
      return reply.status(400).send(body(400, summarise(errors), errors));
    }
    if (error instanceof HttpError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, error.message);
      return reply.status(error.statusCode).send(body(error.statusCode, error.message, error.errors));
    }
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'request failed');
      return reply.status(500).send(body(500, 'Internal server error'));
    }
    // Fastify's own client errors (malformed JSON, body too large, rate limit).
    return reply.status(status).send(body(status, error.message));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send(body(404, `No route ${request.method} ${request.url.split('?')[0]}`));
  });
}
