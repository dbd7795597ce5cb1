/*
 * `npm run seed -- --password-stdin [--force]` (or `--password-env VARIABLE`):
 * fills the sync server's database with the demo data. The work is the CLI's
 * `seed` command (src-server/cli.ts), so both entry points behave the same.
 */
import { exitWith, run } from '../src-server/cli';

exitWith(run(['seed', ...process.argv.slice(2)]));
