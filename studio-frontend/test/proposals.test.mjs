// Every key in the example proposals resolves to a schema node from its indentation alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { nodeAt, parseLine, formatPath } from "../src/yamlpath.js";
import { SchemaIndex } from "../src/schema.js";

const dir = new URL("../../proposals/", import.meta.url);
const schema = JSON.parse(readFileSync(new URL("../../schemas/proposal.schema.json", import.meta.url), "utf8"));
const index = new SchemaIndex(schema);

for (const name of readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  test(`every key of proposals/${name} is in the schema`, () => {
    const lines = readFileSync(new URL(name, dir), "utf8").split("\n");
    const getLine = (n) => lines[n - 1];
    let keys = 0;
    const missing = [];
    let inBlock = null;
    lines.forEach((text, i) => {
      const parsed = parseLine(text);
      if (inBlock !== null) {
        if (!parsed || parsed.indent > inBlock) return;
        inBlock = null;
      }
      if (!parsed) return;
      for (const n of parsed.nodes) {
        if (n.kind !== "key") continue;
        const hit = nodeAt(getLine, i + 1, n.col);
        if (!hit) continue; // continuation of a multi-line value
        keys++;
        if (!index.resolve(hit.path).raw.length) missing.push(`${i + 1}: ${formatPath(hit.path)}`);
        if (n.block) inBlock = n.col;
      }
    });
    assert.deepEqual(missing, []);
    assert.ok(keys > 3);
  });
}
