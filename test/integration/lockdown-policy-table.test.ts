import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCKDOWN_POLICIES } from '@shared/lockdown/policies';

/* The README's lockdown table is documentation of src-shared/lockdown/policies.ts; this keeps the two equal. */
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('README lockdown table', () => {
  it.each(LOCKDOWN_POLICIES.map((p) => [p.id, p] as const))('the README table shows %s as defined here', (_id, p) => {
    expect(readme).toContain(`| \`${p.id}\`: ${p.title} | ${p.electron} | ${p.browser ?? '—'} |`);
  });
});
