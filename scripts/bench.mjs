#!/usr/bin/env node
/*
 * Entry of `npm run bench`. The runner and suites are TypeScript; tsx loads
 * them with the Node tsconfig (for the @shared path alias) without a build
 * step. Usage: npm run bench [-- --only PREFIX]
 */
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.node.json', import.meta.url).pathname });
await import('../test/bench/run.ts');
