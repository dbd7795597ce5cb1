import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import { parseSync } from 'vite';

/*
 * What a file imports, read with the parser Vite builds with (oxc): static imports, re-exports, dynamic
 * imports and require() calls. A computed dynamic import is reported as such: it could load anything.
 */

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
export function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const builtins = new Set(builtinModules);
export const isBuiltin = (specifier: string) => specifier.startsWith('node:') || builtins.has(packageOf(specifier));
export const isBare = (specifier: string) => !specifier.startsWith('.') && !specifier.startsWith('/');

const REQUIRE_CALL = /\brequire\(\s*(['"])([^'"]+)\1\s*\)/g;

export function importsOf(file: string, code = readFileSync(file, 'utf8')): string[] {
  const { module, errors } = parseSync(file, code);
  if (errors.length) throw new Error(`${file}: ${errors[0]!.message}`);
  const specifiers = [
    ...module.staticImports.map((i) => i.moduleRequest.value),
    ...module.staticExports.flatMap((e) => e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : []))),
  ];
  for (const dynamic of module.dynamicImports) {
    const source = code.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end).trim();
    const literal = /^(['"`])([^'"`$]+)\1$/.exec(source);
    specifiers.push(literal ? literal[2]! : `<computed import: ${source}>`);
  }
  for (const match of code.matchAll(REQUIRE_CALL)) specifiers.push(match[2]!);
  return specifiers;
}

/** Every file under `dir` whose name passes `wanted`, as paths. */
export function filesUnder(dir: string, wanted: (name: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && wanted(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !relative(dir, path).split('/').includes('node_modules'));
}

/** The npm packages (not built-ins, not relative files) that the files import, sorted. */
export function packagesImportedBy(files: readonly string[], ignore: (specifier: string) => boolean = () => false) {
  const names = new Set<string>();
  for (const file of files)
    for (const specifier of importsOf(file))
      if (isBare(specifier) && !isBuiltin(specifier) && !ignore(specifier)) names.add(packageOf(specifier));
  return [...names].sort();
}
