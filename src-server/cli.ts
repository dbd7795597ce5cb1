import { parseArgs } from 'node:util';
import { createAccount } from './auth/accounts';
import { passwordProblem } from './auth/passwords';
import { loadConfig } from './config';
import { openSql } from './db/open';
import { HttpError } from './http/errors';

/*
 * Administration from a shell, against the database the server would use:
 *
 *   echo "$PASSWORD" | npx tsx src-server/cli.ts create-admin --email admin@example.org --password-stdin
 *
 * The password is read from standard input so that it never appears in the
 * process list or the shell history.
 */

const USAGE = 'usage: cli.ts create-admin --email <email> --password-stdin [--name <full name>]';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // Only the line end a pipe adds is removed; other whitespace is part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function run(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      'password-stdin': { type: 'boolean' },
    },
  });
  if (positionals[0] !== 'create-admin' || !values.email || !values['password-stdin']) {
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
  const config = loadConfig();
  const sql = await openSql({ databaseUrl: config.databaseUrl, pgliteDir: config.dataDir });
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

run(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
