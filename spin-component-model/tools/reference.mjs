#!/usr/bin/env node
// The jco side of spinj's differential tests: runs a component, transpiled by `jco transpile`,
// in node with scripted host imports, and prints what happened as JSON (schema: README.md).
//
//   node reference.mjs <component.wasm> <calls.json>
//
// Exit status: 0 with the JSON on stdout (traps are data, not failures); 2 when the inputs are
// wrong (unknown export, missing host behaviour, value that does not fit its type).
import { readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname, basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpile } from '@bytecodealliance/jco';
import { parseWit } from './wit.mjs';

class InputError extends Error {}

const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (kebab) => camel(kebab).replace(/^./, (c) => c.toUpperCase());
const withoutVersion = (name) => name.replace(/@[^/#]*$/, '');

const TYPED_ARRAYS = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array, u32: Uint32Array,
  s32: Int32Array, u64: BigUint64Array, s64: BigInt64Array, f32: Float32Array, f64: Float64Array,
};
const INT_RANGES = {
  s8: [-128, 127], u8: [0, 255], s16: [-32768, 32767], u16: [0, 65535],
  s32: [-2147483648, 2147483647], u32: [0, 4294967295],
};

/** Resource objects on both sides of the boundary, named the way the JSON names them. */
class Resources {
  hostById = new Map(); // "iface#name/id" -> host object
  hostIds = new WeakMap(); // host object -> {resource, id}
  guestByHandle = []; // ordinal - 1 -> guest resource object held by the caller
  guestOrdinals = new WeakMap();

  registerHost(resource, id, object) {
    this.hostById.set(`${resource}/${id}`, object);
    this.hostIds.set(object, { resource, id });
    return object;
  }

  hostObject(resource, id, classes) {
    const existing = this.hostById.get(`${resource}/${id}`);
    if (existing) return existing;
    const cls = classes.get(resource);
    if (!cls) throw new InputError(`host resource ${resource} is not imported by the component`);
    return this.registerHost(resource, id, Object.create(cls.prototype));
  }

  encode(resource, object, hostClasses) {
    const host = this.hostIds.get(object);
    if (host) return { resource: host.resource, id: host.id };
    // jco does not check handles of imported resources: a stale or made-up handle reaches the
    // host as an object the host never created (the spec traps instead)
    if (hostClasses.has(resource)) return { resource, id: null };
    let ordinal = this.guestOrdinals.get(object);
    if (ordinal === undefined) {
      this.guestByHandle.push(object);
      ordinal = this.guestByHandle.length;
      this.guestOrdinals.set(object, ordinal);
    }
    return { resource, handle: ordinal };
  }
}

function encodeFloat(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (Object.is(x, -0)) return '-0';
  return x;
}

function decodeFloat(json, kind) {
  const special = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };
  const x = typeof json === 'string' ? special[json] : json;
  if (typeof x !== 'number') throw new InputError(`not a ${kind}: ${JSON.stringify(json)}`);
  return kind === 'f32' ? Math.fround(x) : x;
}

/** JS value (as jco gives it) -> documented JSON form. */
function toJson(type, value, ctx) {
  switch (type.kind) {
    case 'bool': case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32':
    case 'char': case 'string':
      return value;
    case 's64': case 'u64': return BigInt(value).toString();
    case 'f32': case 'f64': return encodeFloat(value);
    case 'list': return Array.from(value, (v) => toJson(type.elem, v, ctx));
    case 'tuple': return type.items.map((t, i) => toJson(t, value[i], ctx));
    case 'record': return Object.fromEntries(type.fields.map((f) => [f.name, toJson(f.type, value[camel(f.name)], ctx)]));
    case 'variant': {
      const c = type.cases.find((x) => x.name === value.tag);
      if (!c) throw new Error(`variant ${type.name}: unknown tag ${value.tag}`);
      return c.type ? { tag: c.name, val: toJson(c.type, value.val, ctx) } : { tag: c.name };
    }
    case 'enum': return value;
    case 'flags': return type.flags.filter((f) => value[camel(f)]);
    case 'option':
      if (type.inner.kind === 'option') throw new InputError('nested options are not supported');
      return value === undefined || value === null ? null : { some: toJson(type.inner, value, ctx) };
    case 'result': {
      const payloadType = value.tag === 'ok' ? type.ok : type.err;
      return { [value.tag]: payloadType ? toJson(payloadType, value.val, ctx) : null };
    }
    case 'own': case 'borrow': return ctx.resources.encode(type.resource, value, ctx.hostClasses);
    default: throw new Error(`unknown type kind ${type.kind}`);
  }
}

/** Documented JSON form -> JS value as jco expects it. */
function toJs(type, json, ctx) {
  const fail = () => { throw new InputError(`${JSON.stringify(json)} is not a ${type.kind}${type.name ? ' ' + type.name : ''}`); };
  switch (type.kind) {
    case 'bool': if (typeof json !== 'boolean') fail(); return json;
    case 's8': case 'u8': case 's16': case 'u16': case 's32': case 'u32': {
      const [lo, hi] = INT_RANGES[type.kind];
      if (!Number.isInteger(json) || json < lo || json > hi) fail();
      return json;
    }
    case 's64': case 'u64': if (typeof json !== 'string') fail(); return BigInt(json);
    case 'f32': case 'f64': return decodeFloat(json, type.kind);
    case 'char': if (typeof json !== 'string' || [...json].length !== 1) fail(); return json;
    case 'string': if (typeof json !== 'string') fail(); return json;
    case 'list': {
      if (!Array.isArray(json)) fail();
      const items = json.map((v) => toJs(type.elem, v, ctx));
      const typed = TYPED_ARRAYS[type.elem.kind];
      return typed ? typed.from(items) : items;
    }
    case 'tuple':
      if (!Array.isArray(json) || json.length !== type.items.length) fail();
      return type.items.map((t, i) => toJs(t, json[i], ctx));
    case 'record':
      if (typeof json !== 'object' || json === null) fail();
      return Object.fromEntries(type.fields.map((f) => [camel(f.name), toJs(f.type, json[f.name], ctx)]));
    case 'variant': {
      const c = type.cases.find((x) => x.name === json?.tag);
      if (!c) fail();
      return c.type ? { tag: c.name, val: toJs(c.type, json.val, ctx) } : { tag: c.name };
    }
    case 'enum': if (!type.cases.includes(json)) fail(); return json;
    case 'flags': {
      if (!Array.isArray(json) || json.some((f) => !type.flags.includes(f))) fail();
      return Object.fromEntries(type.flags.map((f) => [camel(f), json.includes(f)]));
    }
    case 'option':
      if (type.inner.kind === 'option') throw new InputError('nested options are not supported');
      if (json === null) return undefined;
      if (typeof json !== 'object' || !('some' in json)) fail();
      return toJs(type.inner, json.some, ctx);
    case 'result': {
      const tag = json && ('ok' in json ? 'ok' : 'err' in json ? 'err' : null);
      if (!tag) fail();
      const payloadType = tag === 'ok' ? type.ok : type.err;
      return { tag, val: payloadType ? toJs(payloadType, json[tag], ctx) : undefined };
    }
    case 'own': case 'borrow': {
      if (json?.resource !== type.resource) fail();
      if ('id' in json) return ctx.resources.hostObject(json.resource, json.id, ctx.hostClasses);
      const object = ctx.resources.guestByHandle[json.handle - 1];
      if (!object) throw new InputError(`no guest resource handle ${json.handle}`);
      return object;
    }
    default: throw new Error(`unknown type kind ${type.kind}`);
  }
}

/** Host behaviour of one import: the value it answers with, in the documented JSON form. */
function answer(name, behaviour, args, counters) {
  if (behaviour === undefined) throw new InputError(`no host behaviour for ${name}`);
  if (behaviour === 'echo') return args[0];
  if ('returns' in behaviour) return behaviour.returns;
  if ('returns-each' in behaviour) {
    const n = counters.get(name) ?? 0;
    counters.set(name, n + 1);
    if (n >= behaviour['returns-each'].length) throw new InputError(`host behaviour for ${name} has no answer for call ${n + 1}`);
    return behaviour['returns-each'][n];
  }
  throw new InputError(`bad host behaviour for ${name}: ${JSON.stringify(behaviour)}`);
}

/** Builds jco's imports object: every function and resource class of every imported interface. */
function hostImports(specifiers, wit, behaviours, ctx) {
  const counters = new Map();
  const call = (fullName, self, jsArgs) => {
    const fn = wit.func(fullName);
    const all = self === undefined ? jsArgs : [self, ...jsArgs];
    const args = fn.params.map((p, i) => toJson(p.type, all[i], ctx));
    ctx.hostCalls.push({ import: fullName, args });
    if (fn.role === 'drop') return undefined;
    if (!fn.result) return undefined;
    const json = answer(fullName, behaviours[fullName], args, counters);
    if (fn.role === 'constructor') return json;
    if (fn.result.kind === 'result') {
      // jco: the host returns the ok payload and throws {payload} for err
      const value = toJs(fn.result, json, ctx);
      if (value.tag === 'err') throw { payload: value.val };
      return value.val;
    }
    return toJs(fn.result, json, ctx);
  };

  // jco names an import without its version, so wasi:io/streams@0.2.3 and @0.2.12 share one
  // specifier and one JS class per resource: the versions' functions are merged into it.
  const imports = {};
  for (const specifier of specifiers) {
    const ifaces = [...wit.interfaces.values()].filter((i) => i.name === specifier || withoutVersion(i.name) === specifier);
    if (ifaces.length === 0) throw new InputError(`the component imports ${specifier}, which the WIT does not define`);
    const target = {};
    for (const iface of ifaces) {
      for (const [typeName, def] of iface.types) {
        if (def.kind !== 'resource') continue;
        const resource = `${iface.name}#${typeName}`;
        const cls = target[pascal(typeName)] ??= hostClass(iface.name, typeName, resource);
        ctx.hostClasses.set(resource, cls);
      }
    }
    for (const iface of ifaces) {
      for (const [fnName, fn] of iface.funcs) {
        const full = `${iface.name}#${fnName}`;
        const cls = fn.resource && ctx.hostClasses.get(`${iface.name}#${fn.resource}`);
        if (fn.role === 'method') cls.prototype[camel(fn.method)] = function (...a) { return call(full, this, a); };
        else if (fn.role === 'static') cls[camel(fn.method)] = (...a) => call(full, undefined, a);
        else if (!fn.role) target[camel(fnName)] = (...a) => call(full, undefined, a);
      }
    }
    imports[specifier] = target;
  }

  function hostClass(ifaceName, typeName, resource) {
    const cls = class {
      constructor(...jsArgs) {
        const json = call(`${ifaceName}#[constructor]${typeName}`, undefined, jsArgs);
        if (json?.resource !== resource || !('id' in json)) {
          throw new InputError(`constructor ${resource} must answer {"resource": "${resource}", "id": N}`);
        }
        ctx.resources.registerHost(resource, json.id, this);
      }
    };
    // recorded under the resource the object was made as (the class may serve several versions)
    cls.prototype[Symbol.dispose] = function () {
      const made = ctx.resources.hostIds.get(this)?.resource ?? resource;
      const hash = made.lastIndexOf('#');
      call(`${made.slice(0, hash)}#[resource-drop]${made.slice(hash + 1)}`, this, []);
    };
    return cls;
  }
  return imports;
}

/** Runs one export call on the jco instance; returns the JS value it produced. */
function invoke(instance, exportName, fn, jsArgs) {
  const hash = exportName.lastIndexOf('#');
  const ifaceName = exportName.slice(0, hash);
  const fnName = exportName.slice(hash + 1);
  const ns = instance[ifaceName] ?? instance[withoutVersion(ifaceName)];
  if (!ns) throw new InputError(`the component exports no ${ifaceName}`);
  const target = (name) => {
    if (typeof ns[name] === 'undefined') throw new InputError(`the component's ${ifaceName} has no ${name}`);
    return ns[name];
  };
  switch (fn.role) {
    case 'constructor': { const Cls = target(pascal(fn.resource)); return new Cls(...jsArgs); }
    case 'static': return target(pascal(fn.resource))[camel(fn.method)](...jsArgs);
    case 'method': return jsArgs[0][camel(fn.method)](...jsArgs.slice(1));
    case 'drop': return jsArgs[0][Symbol.dispose]();
    default: return target(camel(fnName))(...jsArgs);
  }
}

async function main() {
  const [componentPath, callsPath] = process.argv.slice(2);
  if (!componentPath || !callsPath) throw new InputError('usage: node reference.mjs <component.wasm> <calls.json>');
  const spec = JSON.parse(await readFile(callsPath, 'utf8'));
  const wit = parseWit(await readFile(resolve(dirname(callsPath), spec.wit), 'utf8'), spec.wit);

  let transpiled;
  try {
    transpiled = await transpile(await readFile(componentPath), {
      name: 'component', instantiation: 'async', noTypescript: true, quiet: true,
    });
  } catch (err) {
    // jco refuses the component (invalid or unsupported): that is the expected outcome
    const message = String(err?.message ?? err).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
    process.stdout.write(JSON.stringify({ component: basename(componentPath), rejected: message }, null, 2) + '\n');
    return;
  }
  const { files, imports: specifiers } = transpiled;
  const dir = await mkdtemp(join(tmpdir(), 'spinj-jco-'));
  try {
    for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, basename(name)), bytes);
    const { instantiate } = await import(pathToFileURL(join(dir, 'component.js')).href);

    const ctx = { resources: new Resources(), hostClasses: new Map(), hostCalls: [] };
    const imports = hostImports(specifiers, wit, spec.host ?? {}, ctx);
    const fresh = () => instantiate((path) => WebAssembly.compile(files[path]), imports);
    let instance = await fresh();

    const out = [];
    for (const c of spec.calls) {
      const fn = wit.func(c.export);
      const args = c.args ?? [];
      if (args.length !== fn.params.length) throw new InputError(`${c.export} takes ${fn.params.length} arguments, got ${args.length}`);
      const jsArgs = fn.params.map((p, i) => toJs(p.type, args[i], ctx));
      ctx.hostCalls = [];
      const entry = { export: c.export, args };
      if (c.spec) entry.spec = c.spec; // the spec's outcome, where jco is known to differ (README)
      try {
        const value = invoke(instance, c.export, fn, jsArgs);
        if (!fn.result) entry.result = null;
        else if (fn.result.kind === 'result') entry.result = toJson(fn.result, { tag: 'ok', val: value }, ctx);
        else entry.result = toJson(fn.result, value, ctx);
      } catch (err) {
        if (err instanceof InputError) throw err;
        if (fn.result?.kind === 'result' && err && 'payload' in err) {
          entry.result = toJson(fn.result, { tag: 'err', val: err.payload }, ctx);
        } else {
          entry.trap = String(err?.message ?? err);
          instance = await fresh(); // a trapped instance may not be entered again
        }
      }
      entry['host-calls'] = ctx.hostCalls;
      out.push(entry);
    }
    process.stdout.write(JSON.stringify({ component: basename(componentPath), calls: out }, null, 2) + '\n');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`reference.mjs: ${err instanceof InputError ? err.message : err?.stack ?? err}\n`);
  process.exit(2);
});
