// node embed.mjs <jco-tools-dir> <module.wasm> <out.wasm>: embeds guest.wit, with jco's wasi:* 0.2.12 WIT
// inlined as nested packages (componentEmbed takes one WIT source), then componentNew.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const [tools, modulePath, outPath] = process.argv.slice(2);
const { componentEmbed, componentNew } = await import(join(tools, 'node_modules/@bytecodealliance/jco/dist/api.js'));
const builtin = join(tools, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12');
let wit = await readFile(new URL('./guest.wit', import.meta.url), 'utf8');
for (const pkg of ['http', 'io', 'clocks', 'random', 'cli', 'filesystem', 'sockets']) {
  const source = await readFile(join(builtin, `wasi-${pkg}`, 'package.wit'), 'utf8');
  wit += '\n' + source.replace(/^package ([^;]+);/m, 'package $1 {') + '\n}\n';
}
const embedded = await componentEmbed({ binary: await readFile(modulePath), witSource: wit, world: 'guest', stringEncoding: 'utf8' });
await writeFile(outPath, await componentNew(embedded, []));
