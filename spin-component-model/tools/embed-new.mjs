#!/usr/bin/env node
// Makes the two fixtures of a C guest from one core module, with jco's JS API:
//   <out>.core.wasm  componentEmbed: the module plus its world as a `component-type` custom
//                    section (what Rust spin-sdk 2-5 builds ship)
//   <out>.wasm       componentNew on that, with the wasi_snapshot_preview1 reactor adapter jco
//                    ships (used only when the module imports preview1)
//
//   node embed-new.mjs <module.wasm> <world.wit> <out-prefix> [world-name]
import { readFile, writeFile } from 'node:fs/promises';
import { componentEmbed, componentNew, preview1AdapterReactorPath } from '@bytecodealliance/jco';

const [modulePath, witPath, outPrefix, world] = process.argv.slice(2);
if (!modulePath || !witPath || !outPrefix) {
  process.stderr.write('usage: node embed-new.mjs <module.wasm> <world.wit> <out-prefix> [world-name]\n');
  process.exit(2);
}
const embedded = await componentEmbed({
  binary: await readFile(modulePath),
  witSource: await readFile(witPath, 'utf8'),
  world,
  stringEncoding: 'utf8',
});
const adapter = await readFile(preview1AdapterReactorPath());
const component = await componentNew(embedded, [['wasi_snapshot_preview1', adapter]]);
await writeFile(`${outPrefix}.core.wasm`, embedded);
await writeFile(`${outPrefix}.wasm`, component);
