// jco's side of bench/component-model: bench.wasm transpiled by `jco transpile` (sync
// instantiation), modules compiled once, then instantiate() and the same calls as
// ComponentBench.java, timed with process.hrtime. Same output format.
//
//   node bench.mjs <dir with jco transpile output>
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const WARMUP = Number(process.env.WARMUP ?? 3000);
const MEASURED = Number(process.env.MEASURED ?? 3000);
const dir = process.argv[2];
let sink;

function report(what, ns) {
  const sorted = [...ns].sort((a, b) => a - b);
  const mean = ns.reduce((a, b) => a + b, 0) / ns.length / 1000;
  const median = sorted[Math.floor(sorted.length / 2)] / 1000;
  console.log(`${what.padEnd(40)} median ${median.toFixed(2).padStart(9)} us   mean ${mean.toFixed(2).padStart(9)} us   (n=${ns.length})`);
}

function time(fn) {
  for (let i = 0; i < WARMUP; i++) fn();
  const ns = new Array(MEASURED);
  for (let i = 0; i < MEASURED; i++) {
    const s = process.hrtime.bigint();
    fn();
    ns[i] = Number(process.hrtime.bigint() - s);
  }
  return ns;
}

const t0 = process.hrtime.bigint();
const { instantiate } = await import(pathToFileURL(join(dir, 'bench.js')).href);
const modules = new Map();
for (const name of ['bench.core.wasm']) modules.set(name, new WebAssembly.Module(await readFile(join(dir, name))));
const getCoreModule = (name) => modules.get(name);
report('load + compile (once, cold)', [Number(process.hrtime.bigint() - t0)]);

report('instantiate', time(() => { sink = instantiate(getCoreModule, {}); }));

const instance = instantiate(getCoreModule, {});
const api = instance['test:bench/api'] ?? instance.api;
report('call noop', time(() => { sink = api.noop(); }));

const kib = 'x'.repeat(1024);
report('call echo-string 1 KiB each way', time(() => {
  if (api.echoString(kib).length !== 1024) throw new Error('echo-string');
}));

const bytes = new Uint8Array(64 * 1024).fill(7);
report('call echo-bytes 64 KiB each way', time(() => {
  if (api.echoBytes(bytes).length !== bytes.length) throw new Error('echo-bytes');
}));

const a = new Uint8Array(bytes.length);
const b = new Uint8Array(bytes.length);
report('reference: 2 x set 64 KiB', time(() => { a.set(bytes); b.set(a); sink = b; }));
