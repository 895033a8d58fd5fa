#!/usr/bin/env node
/**
 * Checks that built ESM entries are edge-safe: nothing reachable through their static imports
 * (the entry and the chunks it imports, transitively) imports a Node built-in. Dynamic
 * `import()`s are allowed: they load only when a Node-only function is called.
 *
 *   node scripts/check-edge-entries.mjs dist/index.js [dist/other.js ...]
 */
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, relative, resolve } from 'node:path';

const builtins = new Set(builtinModules);
// Static forms only: `import x from 'y'`, `import 'y'`, `export ... from 'y'` at line start.
const staticImport = /^\s*(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?\s*['"]([^'"]+)['"]/gm;

function isBuiltin(specifier) {
  return specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]);
}

let failed = false;
for (const entry of process.argv.slice(2)) {
  const seen = new Set();
  const pending = [{ file: resolve(entry), via: [] }];
  while (pending.length > 0) {
    const { file, via } = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, specifier] of code.matchAll(staticImport)) {
      const chain = [...via, relative(process.cwd(), file)];
      if (isBuiltin(specifier)) {
        console.error(`${entry}: imports ${specifier} statically (${chain.join(' -> ')}).`);
        failed = true;
      } else if (specifier.startsWith('.')) {
        pending.push({ file: resolve(dirname(file), specifier), via: chain });
      }
    }
  }
  if (!failed) console.log(`${entry}: edge-safe (${seen.size} files, no static Node built-in).`);
}
process.exit(failed ? 1 : 0);
