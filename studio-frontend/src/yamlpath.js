// Where in the YAML tree a position is, worked out from indentation alone.
//
// The document being edited is usually half-typed and so not valid YAML, which rules out a real
// parser; indentation is enough for block-style proposal files. A forward pass keeps a stack of
// open nodes (mapping keys and sequence items, each with its column); a line's nodes close every
// open node at the same or a deeper column. Lines inside block scalars (`key: |`) and the
// continuation lines of multi-line plain or flow values are skipped.
//
// A path is an array of segments: a string for a mapping key, {index: n} for a sequence item.
// Lines are fetched through getLine(n) (1-based), so the caller needs no copy of the text.

const SPACE = /[ \t]/;

function isSpace(ch) {
  return ch === undefined || SPACE.test(ch);
}

// The end of a quoted scalar starting at `pos` (index just past the closing quote), or -1.
function quotedEnd(text, pos) {
  const q = text[pos];
  for (let i = pos + 1; i < text.length; i++) {
    if (q === '"' && text[i] === "\\") { i++; continue; }
    if (text[i] === q) {
      if (q === "'" && text[i + 1] === "'") { i++; continue; }
      return i + 1;
    }
  }
  return -1;
}

function unquote(raw) {
  if (raw[0] === '"') {
    try { return JSON.parse(raw); } catch { return raw.slice(1, -1); }
  }
  return raw.slice(1, -1).replace(/''/g, "'");
}

// A mapping key starting at `pos`: {key, keyEnd, colon, valueStart} or null.
export function matchKey(text, pos) {
  const c = text[pos];
  if (c === undefined) return null;
  if (c === '"' || c === "'") {
    const end = quotedEnd(text, pos);
    if (end < 0) return null;
    let i = end;
    while (SPACE.test(text[i] || "")) i++;
    if (text[i] !== ":" || !isSpace(text[i + 1])) return null;
    let v = i + 1;
    while (v < text.length && SPACE.test(text[v])) v++;
    return { key: unquote(text.slice(pos, end)), keyEnd: end, colon: i, valueStart: v };
  }
  if ("[]{}#&*!|>%@`,?".includes(c)) return null;
  for (let i = pos; i < text.length; i++) {
    const ch = text[i];
    if (ch === "#" && i > pos && SPACE.test(text[i - 1])) return null;
    if (ch === ":" && isSpace(text[i + 1])) {
      const key = text.slice(pos, i).trimEnd();
      if (!key) return null;
      let v = i + 1;
      while (v < text.length && SPACE.test(text[v])) v++;
      return { key, keyEnd: pos + key.length, colon: i, valueStart: v };
    }
  }
  return null;
}

// A value's text without its trailing comment, trimmed.
export function stripComment(s) {
  s = s.trim();
  if (s[0] === '"' || s[0] === "'") {
    const end = quotedEnd(s, 0);
    return end < 0 ? s : s.slice(0, end);
  }
  const m = /(^|[ \t])#/.exec(s);
  return (m ? s.slice(0, m.index) : s).trim();
}

// One line's structure: null for a blank or comment-only line, else
// {indent, nodes, docMarker?}; nodes are, left to right, sequence markers
// {kind: "item", col}, then at most one {kind: "key", col, key, keyEnd, valueStart, value, opens,
// block} or {kind: "scalar", col, end, value}.
export function parseLine(text) {
  let indent = 0;
  while (indent < text.length && text[indent] === " ") indent++;
  if (indent >= text.length || text[indent] === "#") return null;
  if (text[indent] === "\t") {
    // Tabs cannot indent YAML; whatever this is, it is not a node of its own.
    if (/^[ \t]*(#|$)/.test(text)) return null;
    return { indent, nodes: [] };
  }
  if (indent === 0 && /^(---|\.\.\.)([ \t]|$)/.test(text)) return { indent, nodes: [], docMarker: true };
  if (indent === 0 && text[0] === "%") return null;
  const nodes = [];
  let pos = indent;
  while (text[pos] === "-" && isSpace(text[pos + 1])) {
    nodes.push({ kind: "item", col: pos });
    pos++;
    while (pos < text.length && SPACE.test(text[pos])) pos++;
  }
  if (pos >= text.length || text[pos] === "#") return { indent, nodes };
  const k = matchKey(text, pos);
  if (k) {
    const value = stripComment(text.slice(k.valueStart));
    nodes.push({
      kind: "key",
      col: pos,
      key: k.key,
      keyEnd: k.keyEnd,
      valueStart: k.valueStart,
      value,
      // An empty value (or only an anchor or tag) opens a nested block.
      opens: value === "" || /^[&!]\S*$/.test(value),
      block: /^[|>]/.test(value),
    });
  } else {
    nodes.push({ kind: "scalar", col: pos, end: text.length, value: stripComment(text.slice(pos)) });
  }
  return { indent, nodes };
}

export class Walker {
  constructor() {
    this.stack = [];
  }

  top() {
    return this.stack[this.stack.length - 1];
  }

  // Whether a line indented by `indent` continues the scalar value of the innermost open node.
  isContinuation(indent) {
    const t = this.top();
    return !!(t && t.scalar && indent > t.col);
  }

  // Close the nodes that a node of `kind` at `col` ends; returns the last closed node.
  close(col, kind) {
    let last = null;
    while (this.stack.length) {
      const t = this.top();
      if (t.col < col) break;
      // A block sequence may sit at the same column as the key that owns it.
      if (t.col === col && kind === "item" && t.kind === "key" && !t.scalar) break;
      last = this.stack.pop();
    }
    return last;
  }

  push(node) {
    if (node.kind === "scalar") {
      const t = this.top();
      if (t && t.kind === "item" && t.col < node.col) t.scalar = true;
      return;
    }
    const last = this.close(node.col, node.kind);
    if (node.kind === "item") {
      const index = last && last.kind === "item" && last.col === node.col ? last.index + 1 : 0;
      this.stack.push({ kind: "item", col: node.col, index, scalar: false });
    } else {
      this.stack.push({ kind: "key", col: node.col, key: node.key, scalar: !node.opens });
    }
  }

  // Feed a whole line (text already parsed); returns false if it was skipped.
  feed(parsed) {
    if (!parsed) return false;
    if (parsed.docMarker) {
      this.stack = [];
      return true;
    }
    if (this.isContinuation(parsed.indent)) return false;
    if (!parsed.nodes.length) return false;
    if (parsed.nodes[0].kind === "scalar") return false; // a stray scalar line: continuation
    for (const n of parsed.nodes) this.push(n);
    return true;
  }

  path() {
    return this.stack.map((f) => (f.kind === "item" ? { index: f.index } : f.key));
  }
}

// A walker that has seen lines 1 .. lineNo-1.
export function walkTo(getLine, lineNo) {
  const w = new Walker();
  for (let n = 1; n < lineNo; n++) w.feed(parseLine(getLine(n)));
  return w;
}

export function formatPath(path) {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "string") out += (out ? "." : "") + (/^[\w-]+$/.test(seg) ? seg : JSON.stringify(seg));
    else out += `[${seg.index}]`;
  }
  return out || "(document)";
}

const TOKEN = /^[\w.\-+]*$/;

// What can be completed at column `col` of line `lineNo`:
//   {mode: "value", path, from, token}: a scalar for the node at `path` (after `key: `, after
//     `- `, or inside a flow sequence `key: [a, b`, where path ends with the item);
//   {mode: "key", path, from, token, afterItem}: a key of the mapping at `path`; when afterItem,
//     the token is also the first thing in a sequence item, so a scalar item fits too;
//   null: nothing (a comment, a block scalar, a quoted string ...).
// `from` is the column where the token being typed starts.
export function completionContext(getLine, lineNo, col) {
  const text = getLine(lineNo);
  const prefix = text.slice(0, col);
  const w = walkTo(getLine, lineNo);
  let indent = 0;
  while (indent < prefix.length && prefix[indent] === " ") indent++;
  const full = parseLine(text);
  const lineIndent = full ? full.indent : indent;
  if (w.isContinuation(lineIndent)) return null;
  if (indent === 0 && /^(---|\.\.\.|%)/.test(prefix)) return null;
  if (/(^|[ \t])#/.test(prefix.slice(indent)) || prefix[indent] === "#") return null;
  let pos = indent;
  let afterItem = false;
  while (prefix[pos] === "-" && pos + 1 < prefix.length && SPACE.test(prefix[pos + 1])) {
    w.push({ kind: "item", col: pos });
    afterItem = true;
    pos++;
    while (pos < prefix.length && SPACE.test(prefix[pos])) pos++;
  }
  const rest = prefix.slice(pos);
  const k = matchKey(prefix, pos);
  if (k) {
    if (k.valueStart > prefix.length) return null;
    w.push({ kind: "key", col: pos, key: k.key, opens: true });
    const value = prefix.slice(k.valueStart);
    if (value[0] === "[") {
      // A flow sequence: complete the item after the last `[` or `,`.
      const m = /([\w.\-+]*)$/.exec(value);
      const before = value.slice(0, value.length - m[1].length).trimEnd();
      if (!/[[,]$/.test(before) || /[\]{}"']/.test(value)) return null;
      const path = w.path();
      path.push({ index: (before.match(/,/g) || []).length });
      return { mode: "value", path, from: col - m[1].length, token: m[1] };
    }
    if (!TOKEN.test(value)) return null;
    return { mode: "value", path: w.path(), from: k.valueStart, token: value };
  }
  if (!TOKEN.test(rest)) return null;
  w.close(pos, "key");
  return { mode: "key", path: w.path(), from: pos, token: rest, afterItem };
}

// The node under column `col` of line `lineNo`, for hover help: {path, from, to} (columns of the
// key, the value or the item's scalar that the column is on) or null.
export function nodeAt(getLine, lineNo, col) {
  const text = getLine(lineNo);
  const parsed = parseLine(text);
  if (!parsed || parsed.docMarker || !parsed.nodes.length) return null;
  const w = walkTo(getLine, lineNo);
  if (w.isContinuation(parsed.indent)) return null;
  if (parsed.nodes[0].kind === "scalar") return null;
  const nodes = parsed.nodes;
  if (col < nodes[0].col) return null;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const next = nodes[i + 1];
    w.push(n);
    if (next && col >= next.col) continue;
    if (n.kind === "key") {
      const valueEnd = n.valueStart + n.value.length;
      if (col < n.keyEnd + 1) return { path: w.path(), from: n.col, to: n.keyEnd };
      if (n.value && col >= n.valueStart && col < valueEnd) return { path: w.path(), from: n.valueStart, to: valueEnd };
      return null;
    }
    if (n.kind === "item") return { path: w.path(), from: n.col, to: n.col + 1 };
    // A scalar sequence item (its item is the innermost open node).
    const end = n.col + n.value.length;
    if (col >= end) return null;
    return { path: w.path(), from: n.col, to: end };
  }
  return null;
}

// Keys already present in the mapping whose keys start at column `keyCol`, looking up and down
// from line `lineNo` (whose own key is not counted). When `startsItem`, line `lineNo` opens a new
// sequence item, so the lines above belong to other items.
export function siblingKeys(getLine, lineCount, lineNo, keyCol, startsItem = false) {
  const keys = new Set();
  const look = (n, up) => {
    const parsed = parseLine(getLine(n));
    if (!parsed) return true;
    if (parsed.docMarker) return false;
    const key = parsed.nodes.find((x) => x.kind === "key");
    if (parsed.indent > keyCol) return true;
    if (parsed.indent === keyCol) {
      if (parsed.nodes[0] && parsed.nodes[0].kind === "key") keys.add(parsed.nodes[0].key);
      return true; // (items at this column belong to a key of this mapping)
    }
    // Less indented: this mapping starts here if it is the first key of a sequence item.
    if (up && key && key.col === keyCol && parsed.nodes.slice(0, -1).every((x) => x.kind === "item")) keys.add(key.key);
    return false;
  };
  if (!startsItem) for (let n = lineNo - 1; n >= 1 && look(n, true); n--);
  for (let n = lineNo + 1; n <= lineCount && look(n, false); n++);
  return keys;
}
