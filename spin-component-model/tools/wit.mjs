// A reader for the small WIT subset the fixtures use, so that reference.mjs knows the type of
// every parameter and result: jco's JS values alone cannot tell a char from a string, a tuple
// from a list or a record's WIT field names. Worlds are skipped (the calls file names the
// functions). Supports: `package ns:name@ver;` and `package ns:name@ver { ... }` blocks,
// interfaces with `use`, `type`, record, variant, enum, flags, resource (constructor, methods,
// static functions) and functions; comments.

const PRIMITIVES = new Set([
  'bool', 's8', 'u8', 's16', 'u16', 's32', 'u32', 's64', 'u64', 'f32', 'f64', 'char', 'string',
]);

function tokenize(text, file) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith('//', i)) { i = text.indexOf('\n', i); if (i < 0) break; continue; }
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new Error(`${file}: unterminated comment`);
      i = end + 2;
      continue;
    }
    if (text.startsWith('->', i)) { tokens.push('->'); i += 2; continue; }
    if (c === '@') {
      const m = /^@[0-9A-Za-z+-]+(?:\.[0-9A-Za-z+-]+)*/.exec(text.slice(i));
      if (!m) throw new Error(`${file}: bad version at ${i}`);
      tokens.push(m[0]);
      i += m[0].length;
      continue;
    }
    const id = /^%?[A-Za-z_][A-Za-z0-9-]*/.exec(text.slice(i));
    if (id) { tokens.push(id[0].replace(/^%/, '')); i += id[0].length; continue; }
    if ('{}()<>,;:=./*'.includes(c)) { tokens.push(c); i++; continue; }
    throw new Error(`${file}: unexpected character ${JSON.stringify(c)} at ${i}`);
  }
  return tokens;
}

class Parser {
  constructor(tokens, file) { this.t = tokens; this.p = 0; this.file = file; }
  peek(k = 0) { return this.t[this.p + k]; }
  next() {
    if (this.p >= this.t.length) throw new Error(`${this.file}: unexpected end of WIT`);
    return this.t[this.p++];
  }
  eat(tok) { if (this.peek() === tok) { this.p++; return true; } return false; }
  expect(tok) {
    const got = this.next();
    if (got !== tok) throw new Error(`${this.file}: expected '${tok}' but found '${got}' (token ${this.p - 1})`);
    return got;
  }
  version() { return this.peek()?.startsWith('@') ? this.next() : ''; }
  skipBlock() {
    this.expect('{');
    let depth = 1;
    while (depth > 0) {
      const tok = this.next();
      if (tok === '{') depth++;
      if (tok === '}') depth--;
    }
  }
}

/** Parses WIT text into a map from full interface name (`ns:pkg/iface@ver`) to its definitions. */
export function parseWit(text, file = 'wit') {
  const p = new Parser(tokenize(text, file), file);
  const interfaces = new Map();
  let pkg = null;

  function items(until) {
    while (p.peek() !== until) {
      const tok = p.next();
      if (tok === 'package') {
        const name = packageName();
        if (p.eat(';')) { pkg = name; continue; }
        const outer = pkg;
        pkg = name;
        p.expect('{');
        items('}');
        p.expect('}');
        pkg = outer;
      } else if (tok === 'interface') {
        interfaceBody(p.next());
      } else if (tok === 'world') {
        p.next();
        p.skipBlock();
      } else {
        throw new Error(`${file}: unexpected '${tok}' at top level`);
      }
    }
  }

  function packageName() {
    const ns = p.next();
    p.expect(':');
    const name = p.next();
    return { ns, name, version: p.version() };
  }

  function interfaceBody(name) {
    if (!pkg) throw new Error(`${file}: interface ${name} outside a package`);
    const full = `${pkg.ns}:${pkg.name}/${name}${pkg.version}`;
    const iface = { name: full, types: new Map(), funcs: new Map(), uses: new Map() };
    interfaces.set(full, iface);
    p.expect('{');
    while (!p.eat('}')) {
      const tok = p.next();
      switch (tok) {
        case 'use': useItem(iface); break;
        case 'type': {
          const id = p.next();
          p.expect('=');
          iface.types.set(id, { alias: typeExpr() });
          p.expect(';');
          break;
        }
        case 'record': case 'variant': case 'enum': case 'flags':
          iface.types.set(p.peek(), namedType(tok, iface));
          break;
        case 'resource': resourceItem(iface); break;
        default: {
          p.expect(':');
          iface.funcs.set(tok, funcType());
          p.expect(';');
        }
      }
    }
  }

  function useItem(iface) {
    // `use other.{a, b as c};` within this package, or `use ns:pkg/iface@ver.{...};`
    let path = p.next();
    if (p.eat(':')) {
      const pkgName = p.next();
      p.expect('/');
      const ifaceName = p.next();
      path = `${path}:${pkgName}/${ifaceName}${p.version()}`;
    } else {
      path = `${pkg.ns}:${pkg.name}/${path}${pkg.version}`;
    }
    p.expect('.');
    p.expect('{');
    while (!p.eat('}')) {
      const name = p.next();
      const local = p.eat('as') ? p.next() : name;
      iface.uses.set(local, { from: path, name });
      p.eat(',');
    }
    p.expect(';');
  }

  function namedType(kind, iface) {
    const name = p.next();
    const def = { kind, name, iface: iface.name };
    p.expect('{');
    const list = [];
    while (!p.eat('}')) {
      const member = p.next();
      if (kind === 'record') {
        p.expect(':');
        list.push({ name: member, type: typeExpr() });
      } else if (kind === 'variant') {
        let type = null;
        if (p.eat('(')) { type = typeExpr(); p.expect(')'); }
        list.push({ name: member, type });
      } else {
        list.push(member);
      }
      p.eat(',');
    }
    if (kind === 'record') def.fields = list;
    if (kind === 'variant') def.cases = list;
    if (kind === 'enum') def.cases = list;
    if (kind === 'flags') def.flags = list;
    return def;
  }

  function resourceItem(iface) {
    const name = p.next();
    iface.types.set(name, { kind: 'resource', name, iface: iface.name });
    if (p.eat(';')) return;
    p.expect('{');
    while (!p.eat('}')) {
      const tok = p.next();
      if (tok === 'constructor') {
        const params = paramList();
        p.expect(';');
        iface.funcs.set(`[constructor]${name}`, { params, result: { ref: name }, resource: name, role: 'constructor' });
        continue;
      }
      p.expect(':');
      const isStatic = p.eat('static');
      const fn = funcType();
      p.expect(';');
      if (isStatic) {
        iface.funcs.set(`[static]${name}.${tok}`, { ...fn, resource: name, role: 'static', method: tok });
      } else {
        fn.params.unshift({ name: 'self', type: { kind: 'borrow', ref: name } });
        iface.funcs.set(`[method]${name}.${tok}`, { ...fn, resource: name, role: 'method', method: tok });
      }
    }
  }

  function funcType() {
    p.expect('func');
    const params = paramList();
    const result = p.eat('->') ? typeExpr() : null;
    return { params, result };
  }

  function paramList() {
    p.expect('(');
    const params = [];
    while (!p.eat(')')) {
      const name = p.next();
      p.expect(':');
      params.push({ name, type: typeExpr() });
      p.eat(',');
    }
    return params;
  }

  function typeExpr() {
    const tok = p.next();
    if (PRIMITIVES.has(tok)) return { kind: tok };
    const generic = () => { p.expect('<'); };
    switch (tok) {
      case 'list': { generic(); const elem = typeExpr(); p.expect('>'); return { kind: 'list', elem }; }
      case 'option': { generic(); const inner = typeExpr(); p.expect('>'); return { kind: 'option', inner }; }
      case 'tuple': {
        generic();
        const items = [];
        while (!p.eat('>')) { items.push(typeExpr()); p.eat(','); }
        return { kind: 'tuple', items };
      }
      case 'result': {
        if (!p.eat('<')) return { kind: 'result', ok: null, err: null };
        let ok = null;
        if (!p.eat('_')) ok = typeExpr();
        let err = null;
        if (p.eat(',')) err = typeExpr();
        p.expect('>');
        return { kind: 'result', ok, err };
      }
      case 'own': case 'borrow': { generic(); const ref = p.next(); p.expect('>'); return { kind: tok, ref }; }
      default: return { ref: tok };
    }
  }

  items(undefined);
  return new WitTypes(interfaces);
}

/** Resolved view over parsed interfaces: every type reference replaced by its definition. */
export class WitTypes {
  constructor(interfaces) { this.interfaces = interfaces; }

  /** The function `iface#name` (or a world-level `name` in interface ""), types resolved. */
  func(fullName) {
    const hash = fullName.lastIndexOf('#');
    const ifaceName = fullName.slice(0, hash);
    const fnName = fullName.slice(hash + 1);
    const iface = this.interfaces.get(ifaceName);
    if (!iface) throw new Error(`no interface ${ifaceName} in the WIT (for ${fullName})`);
    if (fnName.startsWith('[resource-drop]')) {
      const resource = fnName.slice('[resource-drop]'.length);
      return {
        params: [{ name: 'self', type: { kind: 'own', resource: this.resolveResource(iface, resource) } }],
        result: null, role: 'drop', resource,
      };
    }
    const fn = iface.funcs.get(fnName);
    if (!fn) throw new Error(`no function ${fnName} in interface ${ifaceName}`);
    return {
      ...fn,
      params: fn.params.map((param) => ({ name: param.name, type: this.resolve(iface, param.type) })),
      result: fn.role === 'constructor'
        ? { kind: 'own', resource: this.resolveResource(iface, fn.resource) }
        : fn.result && this.resolve(iface, fn.result),
    };
  }

  resolveResource(iface, name) {
    const def = this.lookup(iface, name);
    if (def.kind !== 'resource') throw new Error(`${name} in ${iface.name} is not a resource`);
    return `${def.iface}#${def.name}`;
  }

  lookup(iface, name) {
    const local = iface.types.get(name);
    if (local) return local.alias ? { aliasOf: local.alias, iface } : local;
    const used = iface.uses.get(name);
    if (used) {
      const from = this.interfaces.get(used.from);
      if (!from) throw new Error(`${iface.name} uses ${used.name} from unknown ${used.from}`);
      return this.lookup(from, used.name);
    }
    throw new Error(`unknown type ${name} in ${iface.name}`);
  }

  resolve(iface, type) {
    if (type.ref !== undefined && type.kind === undefined) {
      const def = this.lookup(iface, type.ref);
      if (def.aliasOf) return this.resolve(def.iface, def.aliasOf);
      if (def.resolved) return def.resolved;
      const ifaceOfDef = this.interfaces.get(def.iface);
      const out = { kind: def.kind, name: def.name };
      def.resolved = out; // before recursing, so recursive lookups terminate
      if (def.kind === 'record') out.fields = def.fields.map((f) => ({ name: f.name, type: this.resolve(ifaceOfDef, f.type) }));
      if (def.kind === 'variant') out.cases = def.cases.map((c) => ({ name: c.name, type: c.type && this.resolve(ifaceOfDef, c.type) }));
      if (def.kind === 'enum') out.cases = def.cases;
      if (def.kind === 'flags') out.flags = def.flags;
      if (def.kind === 'resource') { out.kind = 'own'; out.resource = `${def.iface}#${def.name}`; }
      return out;
    }
    switch (type.kind) {
      case 'list': return { kind: 'list', elem: this.resolve(iface, type.elem) };
      case 'option': return { kind: 'option', inner: this.resolve(iface, type.inner) };
      case 'tuple': return { kind: 'tuple', items: type.items.map((t) => this.resolve(iface, t)) };
      case 'result': return {
        kind: 'result',
        ok: type.ok && this.resolve(iface, type.ok),
        err: type.err && this.resolve(iface, type.err),
      };
      case 'own': case 'borrow':
        return { kind: type.kind, resource: this.resolveResource(iface, type.ref) };
      default: return type;
    }
  }
}
