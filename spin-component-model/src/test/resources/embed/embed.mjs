// Builds the core modules with component-type sections used by ComponentTypeSectionTest:
//   npx --yes @bytecodealliance/jco@1.35.0 parse core.wat -o core.wasm
//   node embed.mjs core.wasm world.wit guest utf8 embedded.wasm
//   node embed.mjs core.wasm world.wit guest utf16 embedded16.wasm
// (with @bytecodealliance/jco@1.35.0 installed where node can import it; set JCO_API to its dist/api.js)
import { readFileSync, writeFileSync } from 'node:fs';
const { componentEmbed } = await import(process.env.JCO_API ?? '@bytecodealliance/jco');
const [core, wit, world, stringEncoding, out] = process.argv.slice(2);
const bytes = await componentEmbed({ binary: readFileSync(core), witSource: readFileSync(wit, 'utf8'), world, stringEncoding });
writeFileSync(out, bytes);
