// npm run build: bundles src/editor.js into ../evaluator/studio/static/editor.js, copies htmx
// and writes THIRD_PARTY_LICENSES.txt. The same inputs give the same bytes (no timestamps,
// no source maps, pinned versions from package-lock.json).
import * as esbuild from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeLicenses } from "./licenses.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));
const staticDir = path.resolve(root, "../evaluator/studio/static");
const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
mkdirSync(staticDir, { recursive: true });

const outfile = path.join(staticDir, "editor.js");
const result = await esbuild.build({
  absWorkingDir: root,
  entryPoints: ["src/editor.js"],
  outfile,
  bundle: true,
  format: "iife",
  minify: true,
  target: "es2020",
  platform: "browser",
  charset: "ascii",
  legalComments: "none",
  metafile: true,
  banner: {
    js: `/* evaluator studio editor ${pkg.version}: CodeMirror 6 and its dependencies (MIT), bundled; ` +
      "see THIRD_PARTY_LICENSES.txt. Built from studio-frontend/ (npm run build). */",
  },
  logLevel: "warning",
});

copyFileSync(path.join(root, "node_modules/htmx.org/dist/htmx.min.js"), path.join(staticDir, "htmx.min.js"));

const outputFile = path.relative(root, outfile).split(path.sep).join("/");
const entries = writeLicenses({
  root,
  metafile: result.metafile,
  outputFile,
  bundleName: "editor.js",
  extra: [{ dir: "node_modules/htmx.org", usedIn: "htmx.min.js" }],
  outPath: path.join(staticDir, "THIRD_PARTY_LICENSES.txt"),
});

for (const f of ["editor.js", "htmx.min.js", "THIRD_PARTY_LICENSES.txt"]) {
  const size = statSync(path.join(staticDir, f)).size;
  console.log(`${path.relative(process.cwd(), path.join(staticDir, f))}  ${(size / 1024).toFixed(1)} KiB`);
}
console.log(`licences: ${entries.length} packages`);
