import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/*
 * The lint rules that keep the runtimes apart (eslint.config.js): a file's
 * folder says where it runs, and it may import only what runs there too.
 * Each case lints one import as if it were written in that folder.
 */

const eslint = new ESLint();

async function refused(filePath: string, source: string): Promise<boolean> {
  const [result] = await eslint.lintText(`${source}\nexport const used = value;\n`, { filePath });
  return result!.messages.some((m) => m.ruleId === 'no-restricted-imports');
}

describe('runtime boundaries', () => {
  it.each([
    ['src-main/main/x.ts', "import { value } from '../../src-renderer/db/database';"],
    ['src-main/main/x.ts', "import { value } from '../../src-server/app';"],
    ['src-server/x.ts', "import { value } from '../src-renderer/db/database';"],
    ['src-server/x.ts', "import { value } from '../src-main/main/index';"],
    ['src-renderer/x.ts', "import { value } from '../src-server/app';"],
    ['src-renderer/x.ts', "import { value } from '../src-main/main/index';"],
    ['src-renderer/x.ts', "import { value } from 'node:fs';"],
    ['src-shared/x.ts', "import { value } from '../src-server/app';"],
    ['src-shared/x.ts', "import { value } from '../src-renderer/db/database';"],
    ['src-shared/x.ts', "import { value } from 'node:crypto';"],
  ])('%s may not %s', async (file, source) => {
    expect(await refused(file, source)).toBe(true);
  });

  it.each([
    ['src-server/x.ts', "import { value } from '../src-shared/domain/registry';"],
    ['src-renderer/x.ts', "import { value } from '@shared/domain/registry';"],
    ['src-shared/x.ts', "import { value } from './domain/registry';"],
    ['src-shared/x.ts', "import { value } from 'zod';"],
  ])('%s may %s', async (file, source) => {
    expect(await refused(file, source)).toBe(false);
  });
});
