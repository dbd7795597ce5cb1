import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { buildSeed, type DemoAccount, type DemoInvitation } from '../src-shared/seed/build-seed';
import { hashProctorPin, pinProblem } from '../src-shared/lockdown/proctor-pin';
import { isStationStaff } from '../src-shared/permissions/principal';
import { entities, kinds, type Kind } from '../src-shared/domain/registry';
import { UserRole } from '../src-shared/domain/enums';
import { expectedId } from '../src-shared/storage/stored-doc';
import { createAccount } from './auth/accounts';
import { hashPassword, passwordProblem } from './auth/passwords';
import { loadConfig } from './config';
import { quoteIdent } from './db/ddl';
import { openSql } from './db/open';
import { writeRow } from './db/rows';
import type { Queryable, Sql } from './db/sql';
import { tableNames } from './db/table-spec';
import { HttpError } from './http/errors';
import { takeSyncWriteLock } from './sync/write-lock';

/*
 * Administration from a shell, against the database the server would use
 * (DATABASE_URL, else PGlite in ASSIST_TEN_DATA_DIR):
 *
 *   echo "$PASSWORD" | npx tsx src-server/cli.ts create-admin --email admin@example.org --password-stdin
 *   echo "$PASSWORD" | npx tsx src-server/cli.ts seed --password-stdin [--force]
 *   npx tsx src-server/cli.ts seed --password-env DEMO_PASSWORD [--pin-env DEMO_PIN]
 *
 * Passwords come from standard input or a named environment variable so that
 * they never appear in the process list or the shell history. PGlite is a
 * single-process database: stop the server before running these on its data
 * directory.
 */

const USAGE = [
  'usage: cli.ts create-admin --email <email> --password-stdin [--name <full name>]',
  '       cli.ts seed (--password-stdin | --password-env <VARIABLE>) [--pin-env <VARIABLE>] [--force]',
].join('\n');

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) console.error('Type the password, then press Ctrl-D.');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the line end a pipe adds is removed; other whitespace is part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A failure the CLI reports as one line and exit code 1, without a stack. */
export class CliError extends Error {}

export interface SeedOptions {
  password: string;
  /**
   * The exam-station unlock PIN given to the demo proctor and admins (none is
   * built in: without it they have no PIN verifier, as in a fresh install).
   */
  pin?: string;
  /** Seed even when the database already holds rows (seed rows with the same ids are replaced). */
  force?: boolean;
  now?: Date;
}

export interface SeedReport {
  /** Rows per table after seeding, in entity order. */
  tables: { table: string; rows: number }[];
  accounts: DemoAccount[];
  /** Invitation codes for exam stations: open ones and one of each refusal (see build-seed.ts). */
  invitations: DemoInvitation[];
}

async function rowCounts(q: Queryable): Promise<{ table: string; rows: number }[]> {
  const out = [];
  for (const kind of kinds) {
    const table = tableNames[kind];
    const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)}`);
    out.push({ table, rows: rows[0]?.n ?? 0 });
  }
  return out;
}

/** Checks a seed document the way a push is checked: the entity's schema and its derived id. */
function validated(kind: Kind, doc: Record<string, unknown>): Record<string, unknown> {
  const entity = entities[kind];
  const parsed = entity.document.safeParse(doc);
  const id = doc[entity.idField];
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const expected = expectedId(kind, doc as never);
  if (expected !== undefined && id !== expected) problems.push(`${entity.idField}: must be "${expected}"`);
  if (problems.length) throw new CliError(`Seed ${kind} ${String(id)} is invalid: ${problems.join('; ')}`);
  return parsed.data as Record<string, unknown>;
}

/**
 * Fills the server database with the demo seed (every kind, server-only ones
 * included), each demo account with its own argon2id hash of `password`.
 * One transaction: either all of it is written or none.
 */
export async function seedDatabase(sql: Sql, options: SeedOptions): Promise<SeedReport> {
  const problem = passwordProblem(options.password);
  if (problem) throw new CliError(`The password ${problem}`);
  const pinTrouble = options.pin === undefined ? null : pinProblem(options.pin);
  if (pinTrouble) throw new CliError(`The PIN is not acceptable: ${pinTrouble}`);
  const before = (await rowCounts(sql)).reduce((n, t) => n + t.rows, 0);
  if (before > 0 && !options.force) {
    throw new CliError(
      `The database already holds ${before} rows; seeding is for an empty database. Pass --force to write the demo data anyway (rows with the same ids are replaced).`,
    );
  }
  const seed = buildSeed({ now: options.now });
  // A hash per account, each with its own salt, so equal passwords do not show as equal hashes.
  const hashes = new Map<string, string>();
  for (const account of seed.accounts) hashes.set(account.id, await hashPassword(options.password));
  const pins = new Map<string, string>();
  if (options.pin !== undefined)
    for (const account of seed.accounts.filter((a) => isStationStaff(a.role)))
      pins.set(account.id, await hashProctorPin(options.pin));
  const planned: [Kind, Record<string, unknown>][] = [];
  for (const kind of kinds) {
    for (const doc of (seed.docs[kind] ?? []) as Record<string, unknown>[]) {
      const hash = kind === 'user' ? hashes.get(doc.id as string) : undefined;
      const pin = kind === 'user' ? pins.get(doc.id as string) : undefined;
      const secrets = { ...(hash ? { password_hash: hash } : {}), ...(pin ? { proctor_pin_hash: pin } : {}) };
      planned.push([kind, validated(kind, { ...doc, ...secrets })]);
    }
  }
  await sql.transaction(async (tx) => {
    await takeSyncWriteLock(tx, sql.schema);
    for (const [kind, doc] of planned) await writeRow(tx, kind, doc);
  });
  const accounts = [...seed.accounts].sort(
    (a, b) => UserRole.options.indexOf(a.role) - UserRole.options.indexOf(b.role) || a.email.localeCompare(b.email),
  );
  return { tables: await rowCounts(sql), accounts, invitations: seed.invitations };
}

export function formatSeedReport(report: SeedReport): string {
  const width = Math.max(...report.tables.map((t) => t.table.length));
  const lines = ['Seeded the demo data. Rows per table:'];
  for (const { table, rows } of report.tables) lines.push(`  ${table.padEnd(width)}  ${rows}`);
  lines.push('', 'Demo accounts (all sign in with the password you chose):');
  for (const account of report.accounts) lines.push(`  ${account.role.padEnd(11)}  ${account.email}`);
  lines.push('', 'Invitation codes for exam stations (demo data):');
  for (const i of report.invitations)
    lines.push(`  ${i.token.padEnd(18)}  ${i.state.padEnd(17)}  ${i.candidate_email}  (${i.assessment_title})`);
  return lines.join('\n');
}

async function openConfiguredSql(): Promise<Sql> {
  const config = loadConfig();
  return openSql({ databaseUrl: config.databaseUrl, schema: config.databaseSchema, pgliteDir: config.dataDir });
}

async function createAdmin(values: { email?: string; name?: string; 'password-stdin'?: boolean }): Promise<number> {
  if (!values.email || !values['password-stdin']) {
    console.error(USAGE);
    return 2;
  }
  const password = await readStdin();
  // Checked before opening the database, which on a first run takes a while to create.
  const problem = passwordProblem(password);
  if (problem) {
    console.error(`The password ${problem}`);
    return 1;
  }
  const sql = await openConfiguredSql();
  try {
    const user = await createAccount(
      sql,
      { email: values.email, password, fullName: values.name ?? 'Administrator', role: 'super_admin' },
      new Date(),
    );
    console.log(`Created super admin ${user.email} (${user.id})`);
    return 0;
  } catch (error) {
    if (error instanceof HttpError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await sql.close();
  }
}

async function seed(values: {
  'password-stdin'?: boolean;
  'password-env'?: string;
  'pin-env'?: string;
  force?: boolean;
}) {
  const fromEnv = values['password-env'];
  if (Boolean(values['password-stdin']) === Boolean(fromEnv)) {
    console.error(USAGE);
    return 2;
  }
  let password: string;
  if (fromEnv) {
    const value = process.env[fromEnv];
    if (!value) throw new CliError(`The environment variable ${fromEnv} is not set or empty`);
    password = value;
  } else {
    password = await readStdin();
  }
  const problem = passwordProblem(password);
  if (problem) throw new CliError(`The password ${problem}`);
  const pinVariable = values['pin-env'];
  const pin = pinVariable ? process.env[pinVariable] : undefined;
  if (pinVariable && !pin) throw new CliError(`The environment variable ${pinVariable} is not set or empty`);
  const sql = await openConfiguredSql();
  try {
    const report = await seedDatabase(sql, { password, pin, force: values.force });
    console.log(formatSeedReport(report));
    return 0;
  } finally {
    await sql.close();
  }
}

export async function run(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        'password-env': { type: 'string' },
        'pin-env': { type: 'string' },
        force: { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { positionals, values } = parsed;
  try {
    if (positionals[0] === 'create-admin') return await createAdmin(values);
    if (positionals[0] === 'seed') return await seed(values);
  } catch (error) {
    if (error instanceof CliError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  console.error(USAGE);
  return 2;
}

/** True when this file is the program (`tsx src-server/cli.ts`), false when imported (scripts/seed.ts, tests). */
function isEntryPoint(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return pathToFileURL(realpathSync(entry)).href === import.meta.url;
  } catch {
    return false;
  }
}

export function exitWith(result: Promise<number>): void {
  result.then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}

if (isEntryPoint()) exitWith(run(process.argv.slice(2)));
