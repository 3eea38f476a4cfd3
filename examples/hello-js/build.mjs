// Bundles src/index.js with esbuild, leaving the Spin SDK's WIT-backed imports for j2w, as the
// Spin http-js template's build.mjs does; `npm run build` then componentizes the bundle.
import { build } from 'esbuild';
import { SpinEsbuildPlugin } from '@spinframework/build-tools/plugins/esbuild/index.js';
import { mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['./src/index.js'],
  outfile: './build/bundle.js',
  bundle: true,
  format: 'esm',
  platform: 'node',
  minify: false,
  logLevel: 'error',
  plugins: [await SpinEsbuildPlugin()],
});
