// Turning the lint callback's 1-based (line, col) diagnostics into document offsets.
//
// Columns count Unicode code points, as Python's str indexes do (the server's YAML marks), while
// CodeMirror offsets count UTF-16 units; the two differ only after astral characters. Every
// value is clamped into the document: a line past the end means the end of the document, a
// column past the end of its line means the end of that line, and anything that is not a number
// counts as 1.

const SEVERITIES = new Set(["error", "warning", "info", "hint"]);

function int(v, fallback) {
  const n = typeof v === "string" && v.trim() !== "" ? Number(v) : v;
  return typeof n === "number" && Number.isFinite(n) ? Math.trunc(n) : fallback;
}

// The offset of 1-based `line`, `col` in `doc` (a CodeMirror Text: .lines, .line(n), .length).
// col === Infinity means the end of the line.
export function offsetAt(doc, line, col) {
  const ln = int(line, 1);
  if (ln > doc.lines) return doc.length;
  const l = doc.line(Math.max(1, ln));
  let steps = col === Infinity ? Infinity : Math.max(int(col, 1), 1) - 1;
  let off = 0;
  const text = l.text;
  while (steps > 0 && off < text.length) {
    const cp = text.codePointAt(off);
    off += cp > 0xffff ? 2 : 1;
    steps--;
  }
  return l.from + off;
}

// The end of the token starting at `from` (a word, a quoted string or a run of non-blank
// characters); the end of the line when `from` is on a blank or at the end of the line.
export function tokenEnd(doc, from) {
  const l = doc.lineAt(from);
  const rest = l.text.slice(from - l.from);
  let m;
  if (rest[0] === '"' || rest[0] === "'") {
    const q = rest[0];
    for (let i = 1; i < rest.length; i++) {
      if (q === '"' && rest[i] === "\\") { i++; continue; }
      if (rest[i] === q) {
        if (q === "'" && rest[i + 1] === "'") { i++; continue; }
        return from + i + 1;
      }
    }
    return l.to;
  }
  if ((m = /^[\p{L}\p{N}_.+\-]+/u.exec(rest))) return from + m[0].length;
  if ((m = /^\S+/.exec(rest))) return from + m[0].length;
  return l.to;
}

// A CodeMirror Diagnostic ({from, to, severity, message, source?}) for one item of the lint
// callback's result, or null if the item is not an object.
export function toDiagnostic(doc, item) {
  if (item === null || typeof item !== "object") return null;
  const from = offsetAt(doc, item.line, item.col);
  let to;
  if (item.endLine !== undefined && item.endLine !== null) {
    const endCol = item.endCol === undefined || item.endCol === null ? Infinity : item.endCol;
    to = offsetAt(doc, item.endLine, endCol);
  } else if (item.endCol !== undefined && item.endCol !== null) {
    to = offsetAt(doc, item.line, item.endCol);
  } else {
    to = tokenEnd(doc, from);
  }
  if (to < from) to = tokenEnd(doc, from);
  const severity = SEVERITIES.has(item.severity) ? item.severity : "error";
  const d = { from, to, severity, message: item.message == null ? "" : String(item.message) };
  if (typeof item.source === "string" && item.source) d.source = item.source;
  return d;
}

export function toDiagnostics(doc, items) {
  if (!Array.isArray(items)) return [];
  const out = [];
  for (const it of items) {
    const d = toDiagnostic(doc, it);
    if (d) out.push(d);
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

// The single change that turns `oldText` into `newText`: {from, to, insert} over `oldText`
// (common prefix and suffix kept), or null if they are equal. Never splits a surrogate pair.
export function minimalChange(oldText, newText) {
  if (oldText === newText) return null;
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  if (start > 0 && isHigh(oldText.charCodeAt(start - 1))) start--;
  let end = 0;
  const maxEnd = max - start;
  while (end < maxEnd && oldText.charCodeAt(oldText.length - 1 - end) === newText.charCodeAt(newText.length - 1 - end)) end++;
  if (end > 0 && isLow(oldText.charCodeAt(oldText.length - end))) end--;
  return { from: start, to: oldText.length - end, insert: newText.slice(start, newText.length - end) };
}

function isHigh(c) {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c) {
  return c >= 0xdc00 && c <= 0xdfff;
}
