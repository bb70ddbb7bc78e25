import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { completionContext, nodeAt, siblingKeys, formatPath } from "../src/yamlpath.js";
import { SchemaIndex, describe, yamlScalar } from "../src/schema.js";

// `‸` marks the cursor; returns {getLine, line, col, count}.
function at(src) {
  const i = src.indexOf("‸");
  const text = src.slice(0, i) + src.slice(i + 1);
  const lines = text.split("\n");
  const before = src.slice(0, i).split("\n");
  return { getLine: (n) => lines[n - 1], line: before.length, col: before[before.length - 1].length, count: lines.length };
}

const cc = (src) => { const a = at(src); return completionContext(a.getLine, a.line, a.col); };
const hover = (src) => { const a = at(src); return nodeAt(a.getLine, a.line, a.col); };

test("key completion at the root and in nested mappings", () => {
  assert.deepEqual(cc("kind: mixed\nti‸"), { mode: "key", path: [], from: 0, token: "ti", afterItem: false });
  assert.deepEqual(cc("economy:\n  gdp_usd: 1\n  ‸").path, ["economy"]);
  assert.deepEqual(cc("tariffs:\n  imports:\n    - partner: MEX\n      sec‸").path, ["tariffs", "imports", { index: 0 }]);
  assert.deepEqual(cc("tariffs:\n  imports:\n    - partner: MEX\n    - partner: CAN\n      ‸").path, ["tariffs", "imports", { index: 1 }]);
  const c = cc("tariffs:\n  imports:\n    - partner: MEX\n    - ‸");
  assert.deepEqual(c.path, ["tariffs", "imports", { index: 1 }]);
  assert.equal(c.afterItem, true);
});

test("value completion after key: and in flow sequences", () => {
  assert.deepEqual(cc("kind: tr‸"), { mode: "value", path: ["kind"], from: 6, token: "tr" });
  assert.deepEqual(cc("labor:\n  enforceable: ‸"), { mode: "value", path: ["labor", "enforceable"], from: 15, token: "" });
  assert.deepEqual(cc("parties: [USA, ME‸"), { mode: "value", path: ["parties", { index: 1 }], from: 15, token: "ME" });
  const c = cc("parties:\n- USA\n- M‸");
  assert.equal(c.mode, "key");
  assert.deepEqual(c.path, ["parties", { index: 1 }]);
});

test("no completion in comments, block scalars and continuation lines", () => {
  assert.equal(cc("# kind‸"), null);
  assert.equal(cc("kind: x # a‸"), null);
  assert.equal(cc("summary: |\n  some te‸"), null);
  assert.equal(cc("summary: >-\n  text: with colon\n  more‸"), null);
  assert.deepEqual(cc("summary: |\n  text\nki‸").path, []);
  assert.deepEqual(cc("economy:\n  note: |\n    foo: bar\n  gd‸").path, ["economy"]);
});

test("hover finds keys, values and scalar items", () => {
  assert.deepEqual(hover("economy:\n  gdp‸_usd: 1"), { path: ["economy", "gdp_usd"], from: 2, to: 9 });
  assert.deepEqual(hover("kind: tra‸de_agreement"), { path: ["kind"], from: 6, to: 21 });
  assert.deepEqual(hover("parties:\n  - USA\n  - M‸EX"), { path: ["parties", { index: 1 }], from: 4, to: 7 });
  assert.deepEqual(hover("a:\n  - x: 1\n    y‸: 2").path, ["a", { index: 0 }, "y"]);
  assert.equal(hover("‸  # comment"), null);
  assert.equal(hover("kind: x   ‸  # c"), null);
});

test("sibling keys", () => {
  const a = at("economy:\n  gdp_usd: 1\n  ‸\n  source: x\nkind: y");
  assert.deepEqual([...siblingKeys(a.getLine, a.count, a.line, 2)].sort(), ["gdp_usd", "source"]);
  const b = at("l:\n  - a: 1\n    b: 2\n  - ‸\n    c: 3\n  - d: 4");
  assert.deepEqual([...siblingKeys(b.getLine, b.count, b.line, 4, true)], ["c"]);
  const c = at("l:\n  - a: 1\n    ‸\n  - d: 4");
  assert.deepEqual([...siblingKeys(c.getLine, c.count, c.line, 4)], ["a"]);
});

test("formatPath", () => {
  assert.equal(formatPath(["tariffs", "imports", { index: 2 }, "partner"]), "tariffs.imports[2].partner");
  assert.equal(formatPath([]), "(document)");
});

const schema = JSON.parse(readFileSync(new URL("../../schemas/proposal.schema.json", import.meta.url), "utf8"));

test("schema: $ref, anyOf with null, items, additionalProperties", () => {
  const idx = new SchemaIndex(schema);
  const eco = idx.resolve(["economy"]);
  assert.ok(idx.properties(eco.candidates).has("gdp_usd"));
  const d = describe(idx, eco);
  assert.match(d.description, /GDP and labor force/);
  assert.match(d.type, /object \(Economy\) \| null/);
  const kind = describe(idx, idx.resolve(["kind"]));
  assert.deepEqual(kind.values, ["trade_agreement", "visa_scheme", "mixed"]);
  assert.equal(kind.required, true);
  const party = describe(idx, idx.resolve(["parties", { index: 0 }]));
  assert.match(party.description, /alpha-3/);
  assert.ok(party.values.includes("USA"));
  const param = idx.resolve(["parameters", "anything"]);
  assert.ok(idx.properties(param.candidates).has("value"));
  assert.deepEqual(idx.resolve(["nonsense"]).raw, []);
  const bench = idx.resolve(["benchmarks", { index: 0 }, "metric"]);
  assert.ok(idx.values(bench.candidates).includes("pcbr"));
});

test("yamlScalar quotes what YAML would misread", () => {
  assert.equal(yamlScalar("USA"), "USA");
  assert.equal(yamlScalar("NO"), '"NO"');
  assert.equal(yamlScalar("1.5"), '"1.5"');
  assert.equal(yamlScalar("a: b"), '"a: b"');
  assert.equal(yamlScalar(true), "true");
  assert.equal(yamlScalar(null), "null");
});
