// Looking up a YAML path in a JSON Schema (2020-12, as `evaluator schema` writes it): `$ref` into
// `$defs`, `anyOf`/`oneOf`/`allOf` alternatives, `properties`, `patternProperties`,
// `additionalProperties`, `items` and `prefixItems`.

const MAX_DEPTH = 32;

function isObject(x) {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

function decodePointer(tok) {
  return decodeURIComponent(tok).replace(/~1/g, "/").replace(/~0/g, "~");
}

export class SchemaIndex {
  constructor(root) {
    if (typeof root === "string") {
      try { root = JSON.parse(root); } catch { root = {}; }
    }
    this.root = isObject(root) ? root : {};
  }

  // The schema a local `$ref` (`#/$defs/Name`, `#`) points to, or null.
  lookup(ref) {
    if (typeof ref !== "string" || ref[0] !== "#") return null;
    let node = this.root;
    const ptr = ref.slice(1);
    if (!ptr) return node;
    for (const tok of ptr.split("/").slice(1)) {
      if (!isObject(node) && !Array.isArray(node)) return null;
      node = node[decodePointer(tok)];
      if (node === undefined) return null;
    }
    return isObject(node) || typeof node === "boolean" ? node : null;
  }

  // Follow `$ref` chains; returns the target (or the schema itself).
  deref(s) {
    for (let i = 0; i < MAX_DEPTH && isObject(s) && typeof s.$ref === "string"; i++) {
      const t = this.lookup(s.$ref);
      if (t === null) return s;
      s = t;
    }
    return s;
  }

  // The concrete alternatives a schema allows: `$ref` followed, `anyOf`/`oneOf` flattened, the
  // members of `allOf` included. `true` and `{}` become {}; `false` disappears.
  flatten(s, out = [], depth = 0) {
    if (depth > MAX_DEPTH) return out;
    if (s === true) s = {};
    if (!isObject(s)) return out;
    const t = this.deref(s);
    if (t === true) { out.push({}); return out; }
    if (!isObject(t)) return out;
    const alts = [].concat(Array.isArray(t.anyOf) ? t.anyOf : [], Array.isArray(t.oneOf) ? t.oneOf : []);
    const own = ["type", "properties", "items", "enum", "const", "additionalProperties", "patternProperties", "prefixItems"]
      .some((k) => k in t);
    if (own || !alts.length) {
      if (!out.includes(t)) out.push(t);
    }
    for (const a of alts) this.flatten(a, out, depth + 1);
    if (Array.isArray(t.allOf)) for (const a of t.allOf) this.flatten(a, out, depth + 1);
    return out;
  }

  // The schemas (unflattened, so their own `description` is kept) for one path segment below
  // any of the `candidates`.
  child(candidates, seg) {
    const out = [];
    for (const c of candidates) {
      if (typeof seg === "string") {
        if (isObject(c.properties) && Object.prototype.hasOwnProperty.call(c.properties, seg)) {
          out.push(c.properties[seg]);
          continue;
        }
        let matched = false;
        if (isObject(c.patternProperties)) {
          for (const [pat, s] of Object.entries(c.patternProperties)) {
            let re = null;
            try { re = new RegExp(pat, "u"); } catch { /* not a JS regex */ }
            if (re && re.test(seg)) { out.push(s); matched = true; }
          }
        }
        if (!matched && (isObject(c.additionalProperties) || c.additionalProperties === true)) {
          out.push(c.additionalProperties);
        }
      } else {
        const i = seg && typeof seg.index === "number" ? seg.index : 0;
        if (Array.isArray(c.prefixItems) && i < c.prefixItems.length) out.push(c.prefixItems[i]);
        else if (isObject(c.items) || c.items === true) out.push(c.items);
        else if (Array.isArray(c.items) && c.items.length) out.push(c.items[Math.min(i, c.items.length - 1)]);
      }
    }
    return out;
  }

  // {raw, candidates, parents, key}: `raw` the schemas at the path as written (with their own
  // description), `candidates` their flattened alternatives, `parents` the flattened schemas of
  // the containing node, `key` the last segment.
  resolve(path) {
    let raw = [this.root];
    let candidates = this.flatten(this.root);
    let parents = [];
    for (const seg of path) {
      parents = candidates;
      raw = this.child(candidates, seg);
      candidates = [];
      for (const r of raw) this.flatten(r, candidates);
    }
    return { raw, candidates, parents, key: path.length ? path[path.length - 1] : null };
  }

  // Properties of the object alternatives: Map name -> {schema, required}.
  properties(candidates) {
    const out = new Map();
    for (const c of candidates) {
      if (!isObject(c.properties)) continue;
      const required = new Set(Array.isArray(c.required) ? c.required : []);
      for (const [name, s] of Object.entries(c.properties)) {
        if (!out.has(name)) out.set(name, { schema: s, required: required.has(name) });
        else if (required.has(name)) out.get(name).required = true;
      }
    }
    return out;
  }

  // The scalar values a node may take, as JS values: enums, consts, booleans, null.
  values(candidates) {
    const out = [];
    const add = (v) => {
      if (v !== null && typeof v === "object") return;
      if (!out.some((x) => Object.is(x, v))) out.push(v);
    };
    for (const c of candidates) {
      if (Array.isArray(c.enum)) c.enum.forEach(add);
      if ("const" in c) add(c.const);
    }
    const types = this.types(candidates);
    if (types.has("boolean")) { add(true); add(false); }
    if (types.has("null")) add(null);
    return out;
  }

  // The JSON types of the alternatives (a schema with an enum or const but no type counts as the
  // types of its values).
  types(candidates) {
    const out = new Set();
    for (const c of candidates) {
      for (const t of typesOf(c)) out.add(t);
    }
    return out;
  }

  // A short human description of the type, e.g. "number | null", "object (Economy)",
  // "array of string".
  typeText(candidates, depth = 0) {
    const parts = [];
    for (const c of candidates) {
      let ts = typesOf(c);
      if (!ts.length) ts = ["any"];
      for (const t of ts) {
        let text = t;
        if (t === "integer" && ts.includes("number")) continue;
        if (t === "object" && typeof c.title === "string" && depth === 0 && c.properties) text = `object (${c.title})`;
        if (t === "array" && depth < 2) {
          const items = this.flatten(isObject(c.items) ? c.items : {});
          const inner = this.typeText(items, depth + 1);
          if (inner && inner !== "any") text = `array of ${inner.includes("|") ? `(${inner})` : inner}`;
        }
        if (!parts.includes(text)) parts.push(text);
      }
    }
    if (parts.length > 1 && parts.includes("any")) parts.splice(parts.indexOf("any"), 1);
    return parts.join(" | ");
  }
}

function typesOf(c) {
  if (typeof c.type === "string") return [c.type];
  if (Array.isArray(c.type)) return c.type.filter((t) => typeof t === "string");
  const vals = Array.isArray(c.enum) ? c.enum : "const" in c ? [c.const] : null;
  if (vals) {
    const out = [];
    for (const v of vals) {
      const t = v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "number" ? (Number.isInteger(v) ? "integer" : "number") : typeof v;
      if (!out.includes(t)) out.push(t);
    }
    return out;
  }
  if (c.properties || c.additionalProperties || c.patternProperties) return ["object"];
  if (c.items || c.prefixItems) return ["array"];
  return [];
}

// Everything worth showing about the node at a resolved path: {title, description, type, enum,
// default (hasDefault), required, constraints}.
export function describe(index, resolved) {
  const { raw, candidates, parents, key } = resolved;
  const info = { type: index.typeText(candidates), values: index.values(candidates) };
  const firstWith = (k) => {
    for (const r of raw) if (isObject(r) && typeof r[k] === "string") return r[k];
    for (const r of raw) {
      const t = index.deref(r);
      if (isObject(t) && typeof t[k] === "string") return t[k];
    }
    for (const c of candidates) if (typeof c[k] === "string") return c[k];
    return undefined;
  };
  info.description = firstWith("description");
  info.title = firstWith("title");
  for (const r of raw) {
    if (isObject(r) && "default" in r) { info.hasDefault = true; info.default = r.default; break; }
  }
  info.required = typeof key === "string" && parents.some((p) => Array.isArray(p.required) && p.required.includes(key));
  const cons = [];
  for (const c of candidates) {
    const lo = "minimum" in c ? `≥ ${c.minimum}` : "exclusiveMinimum" in c ? `> ${c.exclusiveMinimum}` : null;
    const hi = "maximum" in c ? `≤ ${c.maximum}` : "exclusiveMaximum" in c ? `< ${c.exclusiveMaximum}` : null;
    const range = [lo, hi].filter(Boolean).join(", ");
    if (range && !cons.includes(range)) cons.push(range);
    if (typeof c.pattern === "string") {
      const p = `pattern ${c.pattern}`;
      if (!cons.includes(p)) cons.push(p);
    }
    if ("minItems" in c) {
      const p = `at least ${c.minItems} item${c.minItems === 1 ? "" : "s"}`;
      if (!cons.includes(p)) cons.push(p);
    }
  }
  info.constraints = cons;
  return info;
}

const YAML_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|\.nan|\.NaN|\.NAN|[-+]?\.(?:inf|Inf|INF))$/;
const YAML_NUMBERISH = /^[-+]?(?:[0-9][0-9_,:.]*(?:[eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|0o?[0-7_]+|0b[01_]+|\.[0-9]+)$/;

// A JS scalar written as YAML, quoted when a plain scalar would read as something else.
export function yamlScalar(v) {
  if (v === null) return "null";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  const s = String(v);
  if (
    s === "" || YAML_SPECIAL.test(s) || YAML_NUMBERISH.test(s) || /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(s) ||
    /\s$/.test(s) || /: |:$| #/.test(s) || /[\x00-\x1f\x7f]/.test(s)
  ) {
    return JSON.stringify(s);
  }
  return s;
}
