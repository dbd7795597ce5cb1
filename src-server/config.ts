import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseScoreRelease, type ScoreReleasePolicy } from '../src-shared/domain/score-release';
import type { RequestLogLevel } from './http/request-log';

/*
 * Server settings, from the environment. Nothing secret has a default in
 * code: the JWT key comes from ASSIST_TEN_JWT_SECRET or is generated once
 * and kept (mode 0600) in the data directory; the first admin comes from
 * ASSIST_TEN_ADMIN_EMAIL/ASSIST_TEN_ADMIN_PASSWORD or the CLI.
 */

export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  /**
   * PostgreSQL schema of the app's tables (`public` when absent): every process of one deployment names
   * the same one. PGlite ignores it.
   */
  databaseSchema?: string;
  dataDir: string;
  jwtSecret: Uint8Array;
  accessTokenSeconds: number;
  refreshTokenDays: number;
  corsOrigins: string[];
  bootstrapAdmin?: { email: string; password: string };
  rateLimits: {
    /** Login attempts per client address per minute. */
    loginPerIpPerMinute: number;
    /** Login attempts per account per 15 minutes. */
    loginPerAccountPer15Minutes: number;
    /**
     * Requests to authenticated routes without a valid access token, per
     * client address per minute, before they are answered 429 (guard.ts).
     * DEFAULT_AUTH_FAILURES_PER_IP_PER_MINUTE when absent.
     */
    authFailuresPerIpPerMinute?: number;
  };
  /** Interval of SSE comment lines that keep idle connections (and proxies) open. */
  streamHeartbeatMs: number;
  logLevel: string;
  /**
   * Level of Fastify's per-request lines (http/request-log.ts): `info` when
   * absent; `npm start` sets `debug` so that they stay out of its terminal.
   */
  requestLogLevel?: RequestLogLevel;
  /** When candidates receive their scores; immediately when absent. */
  scoreRelease?: ScoreReleasePolicy;
}

export const DEFAULT_CORS_ORIGINS = ['http://localhost:5173', 'http://localhost:4173', 'app://assist-ten'];
export const DEFAULT_AUTH_FAILURES_PER_IP_PER_MINUTE = 60;
const MIN_SECRET_BYTES = 32;

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

function requestLogLevel(env: NodeJS.ProcessEnv): RequestLogLevel {
  const raw = env.ASSIST_TEN_REQUEST_LOG_LEVEL;
  if (raw === undefined || raw === '' || raw === 'info') return 'info';
  if (raw === 'debug') return 'debug';
  throw new Error(`ASSIST_TEN_REQUEST_LOG_LEVEL must be "info" or "debug", got "${raw}"`);
}

/** The JWT signing key: from the environment, else generated once into the data directory. */
export function loadJwtSecret(env: NodeJS.ProcessEnv, dataDir: string): Uint8Array {
  const fromEnv = env.ASSIST_TEN_JWT_SECRET;
  if (fromEnv) {
    const bytes = new TextEncoder().encode(fromEnv);
    if (bytes.length < MIN_SECRET_BYTES)
      throw new Error(`ASSIST_TEN_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes`);
    return bytes;
  }
  const file = join(dataDir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const dataDir = resolve(env.ASSIST_TEN_DATA_DIR || '.data/pglite');
  const adminEmail = env.ASSIST_TEN_ADMIN_EMAIL;
  const adminPassword = env.ASSIST_TEN_ADMIN_PASSWORD;
  if (Boolean(adminEmail) !== Boolean(adminPassword)) {
    throw new Error('Set both ASSIST_TEN_ADMIN_EMAIL and ASSIST_TEN_ADMIN_PASSWORD, or neither');
  }
  return {
    host: env.HOST || '127.0.0.1',
    port: positiveInt(env, 'PORT', 8787),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.ASSIST_TEN_DATABASE_SCHEMA || undefined,
    dataDir,
    jwtSecret: loadJwtSecret(env, dataDir),
    accessTokenSeconds: positiveInt(env, 'ASSIST_TEN_ACCESS_TOKEN_SECONDS', 15 * 60),
    refreshTokenDays: positiveInt(env, 'ASSIST_TEN_REFRESH_TOKEN_DAYS', 30),
    corsOrigins: env.ASSIST_TEN_CORS_ORIGINS
      ? env.ASSIST_TEN_CORS_ORIGINS.split(',').map((o) => o.trim())
      : DEFAULT_CORS_ORIGINS,
    bootstrapAdmin: adminEmail && adminPassword ? { email: adminEmail, password: adminPassword } : undefined,
    rateLimits: {
      loginPerIpPerMinute: positiveInt(env, 'ASSIST_TEN_LOGIN_PER_IP_PER_MINUTE', 20),
      loginPerAccountPer15Minutes: positiveInt(env, 'ASSIST_TEN_LOGIN_PER_ACCOUNT', 10),
      authFailuresPerIpPerMinute: positiveInt(
        env,
        'ASSIST_TEN_AUTH_FAILURES_PER_IP_PER_MINUTE',
        DEFAULT_AUTH_FAILURES_PER_IP_PER_MINUTE,
      ),
    },
    streamHeartbeatMs: positiveInt(env, 'ASSIST_TEN_STREAM_HEARTBEAT_MS', 15_000),
    logLevel: env.LOG_LEVEL || 'info',
    requestLogLevel: requestLogLevel(env),
    scoreRelease: parseScoreRelease(env.ASSIST_TEN_SCORE_RELEASE),
  };
}
