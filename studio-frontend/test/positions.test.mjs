import { test } from "node:test";
import assert from "node:assert/strict";
import { Text } from "@codemirror/state";
import { offsetAt, toDiagnostics, minimalChange } from "../src/positions.js";

const doc = Text.of(["title: x", "kind: wrong_kind  ", "", "emoji: \u{1F600}ab"]);

test("offsets clamp and count code points", () => {
  assert.equal(offsetAt(doc, 1, 1), 0);
  assert.equal(offsetAt(doc, 2, 7), 9 + 6);
  assert.equal(offsetAt(doc, 2, 999), doc.line(2).to);
  assert.equal(offsetAt(doc, 0, 0), 0);
  assert.equal(offsetAt(doc, 99, 1), doc.length);
  assert.equal(offsetAt(doc, "x", null), 0);
  // column 9 is after the emoji (one code point, two UTF-16 units)
  assert.equal(offsetAt(doc, 4, 9), doc.line(4).from + 9);
});

test("diagnostics: token end, explicit end, severities", () => {
  const [d] = toDiagnostics(doc, [{ line: 2, col: 7, severity: "error", message: "bad" }]);
  assert.equal(doc.sliceString(d.from, d.to), "wrong_kind");
  const [e] = toDiagnostics(doc, [{ line: 2, col: 17, severity: "warning", message: "w" }]);
  assert.equal(e.to, doc.line(2).to); // on a blank: to the end of the line
  const [f] = toDiagnostics(doc, [{ line: 1, col: 1, endLine: 2, endCol: 5, severity: "info", message: 1 }]);
  assert.equal(doc.sliceString(f.from, f.to), "title: x\nkind");
  assert.equal(f.message, "1");
  const [g] = toDiagnostics(doc, [{ line: 1, col: 1, endLine: 1, severity: "bogus", message: "m" }]);
  assert.equal(g.severity, "error");
  assert.equal(g.to, doc.line(1).to);
  const [h] = toDiagnostics(doc, [{ line: 3, col: 5, severity: "error", message: "empty" }]);
  assert.equal(h.from, h.to);
  assert.deepEqual(toDiagnostics(doc, null), []);
  assert.equal(toDiagnostics(doc, [null, 3, { line: 500, col: 1, message: "eof" }]).length, 1);
});

test("minimal change", () => {
  assert.equal(minimalChange("abc", "abc"), null);
  assert.deepEqual(minimalChange("kind: a\nx: 1\n", "kind: b\nx: 1\n"), { from: 6, to: 7, insert: "b" });
  assert.deepEqual(minimalChange("aaa", "aaaa"), { from: 3, to: 3, insert: "a" });
  assert.deepEqual(minimalChange("", "x"), { from: 0, to: 0, insert: "x" });
  const c = minimalChange("\u{1F600}", "\u{1F601}");
  assert.deepEqual(c, { from: 0, to: 2, insert: "\u{1F601}" });
});
