// Bundles the compiled CLI (dist/cli/main.js) into dist/cli-bundle/, which bin/pitstop.js runs. Node 20 loads ES
// modules one file at a time, and the few hundred files of a short command (Kysely alone is 262, zod 95) cost more
// than the command itself. Chunks split where the code imports on demand, so a command still loads only its own group.
// Packages stay in node_modules, except the pure ES-module ones that every command loads.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

const BUNDLED_PACKAGES = new Set(['kysely', 'zod']);
const OUT = 'dist/cli-bundle';

/** Leaves every package import to node_modules but those named in BUNDLED_PACKAGES (builtins included). */
const packagesStayExternal: Plugin = {
  name: 'packages-stay-external',
  setup(bundler) {
    bundler.onResolve({ filter: /^[^./]/ }, (args) => {
      const [scope, name] = args.path.split('/');
      const packageName = scope!.startsWith('@') ? `${scope}/${name}` : scope!;
      return BUNDLED_PACKAGES.has(packageName) ? undefined : { path: args.path, external: true };
    });
  },
};

/**
 * zod's `z` namespace re-exports every message locale (`z.locales`, 64 languages); as a namespace object it keeps them
 * all in the bundle, and every command parsed them at start-up. Pitstop uses only English (zod's default), so the
 * locales index zod imports is replaced by one exporting `en` alone.
 */
const englishOnlyZodLocales: Plugin = {
  name: 'english-only-zod-locales',
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => (/[/\\]zod[/\\]v4[/\\](classic|core)[/\\]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), '../locales/index.js'), namespace: 'zod-locales' } : undefined));
    bundler.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`, resolveDir: path.dirname(args.path) }));
  },
};

rmSync(OUT, { recursive: true, force: true });
await build({
  entryPoints: ['dist/cli/main.js'],
  outdir: OUT,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Class and function names stay as written, and the maps lead back to src/ (through tsc's): stack traces stay readable.
  keepNames: true,
  sourcemap: true,
  plugins: [englishOnlyZodLocales, packagesStayExternal],
  logLevel: 'warning',
});
