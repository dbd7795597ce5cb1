#!/usr/bin/env node
/*
 * Entry of `npm run soak` (the full fault soak, about 15 minutes) and
 * `npm run soak:short` (the same with fewer faults, under 3 minutes). The
 * soak is TypeScript; tsx loads it with the Node tsconfig
 * (for the @shared path alias) without a build step. Usage:
 * node scripts/soak.mjs [--short] [--seed N] [--stations N]. See test/soak/README.md.
 */
import { register } from 'tsx/esm/api';

register({ tsconfig: new URL('../tsconfig.node.json', import.meta.url).pathname });
await import('../test/soak/soak.ts');
