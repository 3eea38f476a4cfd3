// Bundles one app with esbuild, leaving the Spin SDK's WIT-backed imports external for j2w
// (what the Spin http-js template's build.mjs does). Run from the node project directory, where
// the SDK packages are installed: the plugin reads their package.json to find the WIT imports.
//   node build.mjs <entry.js> <bundle.js>
import { build } from 'esbuild';
import { SpinEsbuildPlugin } from '@spinframework/build-tools/plugins/esbuild/index.js';

const [entry, outfile] = process.argv.slice(2);
if (!entry || !outfile) {
  console.error('usage: node build.mjs <entry.js> <bundle.js>');
  process.exit(2);
}
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  format: 'esm',
  platform: 'node',
  minify: false,
  logLevel: 'error',
  plugins: [await SpinEsbuildPlugin()],
});
