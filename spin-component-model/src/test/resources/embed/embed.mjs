// Builds the core modules with component-type sections used by ComponentTypeSectionTest, and
// the wit-component-made component used by WitComponentTest:
//   npx --yes @bytecodealliance/jco@1.35.0 parse core.wat -o core.wasm
//   node embed.mjs core.wasm world.wit guest utf8 embedded.wasm
//   node embed.mjs core.wasm world.wit guest utf16 embedded16.wasm
//   npx --yes @bytecodealliance/jco@1.35.0 parse guest.wat -o guest.wasm
//   node embed.mjs guest.wasm world.wit guest utf8 guest-component.wasm new
// (with @bytecodealliance/jco@1.35.0 installed where node can import it; set JCO_API to its dist/api.js)
import { readFileSync, writeFileSync } from 'node:fs';
const { componentEmbed, componentNew } = await import(process.env.JCO_API ?? '@bytecodealliance/jco');
const [core, wit, world, stringEncoding, out, step] = process.argv.slice(2);
const embedded = await componentEmbed({ binary: readFileSync(core), witSource: readFileSync(wit, 'utf8'), world, stringEncoding });
writeFileSync(out, step === 'new' ? await componentNew(embedded) : embedded);
