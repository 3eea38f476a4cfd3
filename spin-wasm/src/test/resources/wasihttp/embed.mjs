// node embed.mjs <jco-tools-dir> <module.wasm> <out.wasm> [rc|2023-10-18]: embeds guest.wit (its
// world at WASI_VERSION) with the wasi:* WIT jco ships (0.2.12) inlined as nested packages, then
// makes the component. With `rc` the packages become 0.2.0-rc-2023-11-10, rewritten where that
// candidate's wasi:http differs: no fields.has, request-options accessors named *-timeout-ms, and
// future-trailers.get without the "already taken" layer. With `2023-10-18` the WIT is
// guest-2023-10-18.wit alone (that candidate differs too much to derive).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
const [tools, modulePath, outPath, rc] = process.argv.slice(2);
const { componentEmbed, componentNew } = await import(join(tools, 'node_modules/@bytecodealliance/jco/dist/api.js'));
const builtin = join(tools, 'node_modules/@bytecodealliance/jco/lib/wit/builtin/0.2.12');
const version = rc ? '0.2.0-rc-2023-11-10' : '0.2.12';
if (rc === '2023-10-18') {
  const wit = await readFile(new URL('./guest-2023-10-18.wit', import.meta.url), 'utf8');
  const embedded = await componentEmbed({ binary: await readFile(modulePath), witSource: wit, world: 'guest', stringEncoding: 'utf8' });
  await writeFile(outPath, await componentNew(embedded, []));
  process.exit(0);
}
let wit = (await readFile(new URL('./guest.wit', import.meta.url), 'utf8')).replaceAll('WASI_VERSION', version);
for (const pkg of ['http', 'io', 'clocks', 'random', 'cli', 'filesystem', 'sockets']) {
  let source = (await readFile(join(builtin, `wasi-${pkg}`, 'package.wit'), 'utf8')).replaceAll('@0.2.12', `@${version}`);
  if (rc && pkg === 'http') {
    source = source.replace(/^\s*has: func\(name: field-name\) -> bool;\n/m, '')
      .replace(/\b((?:set-)?(?:connect|first-byte|between-bytes)-timeout): func/g, '$1-ms: func')
      .replace('get: func() -> option<result<result<option<trailers>, error-code>>>;',
        'get: func() -> option<result<option<trailers>, error-code>>;');
  }
  wit += '\n' + source.replace(/^package ([^;]+);/m, 'package $1 {') + '\n}\n';
}
const embedded = await componentEmbed({ binary: await readFile(modulePath), witSource: wit, world: 'guest', stringEncoding: 'utf8' });
await writeFile(outPath, await componentNew(embedded, []));
