// The studio's proposal editor: CodeMirror 6 with YAML highlighting, the server's diagnostics
// (lint gutter and underlines), schema help on hover and schema-driven completion.
//
// Bundled by build.mjs into evaluator/studio/static/editor.js, which defines
// window.EvaluatorEditor = {create}. See README.md for the API.

import { EditorView, basicSetup } from "codemirror";
import { keymap, hoverTooltip } from "@codemirror/view";
import { EditorState, Prec, Annotation } from "@codemirror/state";
import { indentUnit } from "@codemirror/language";
import { indentWithTab, isolateHistory } from "@codemirror/commands";
import { yaml, yamlLanguage } from "@codemirror/lang-yaml";
import { linter, lintGutter, forceLinting } from "@codemirror/lint";
import { startCompletion, insertCompletionText } from "@codemirror/autocomplete";

import { completionContext, nodeAt, siblingKeys, formatPath } from "./yamlpath.js";
import { SchemaIndex, describe, yamlScalar } from "./schema.js";
import { toDiagnostics, minimalChange } from "./positions.js";

const LINT_DELAY_MS = 250;
const MAX_ENUM_SHOWN = 40;

// Marks the transactions of setText/applyText, so onChange can tell them from typing.
const apiChange = Annotation.define();

function lineGetter(state) {
  return (n) => state.doc.line(n).text;
}

// Text with `code` spans, as DOM nodes (never innerHTML: the schema is data).
function appendRich(parent, text) {
  const parts = String(text).split("`");
  parts.forEach((part, i) => {
    if (!part) return;
    if (i % 2) {
      const code = document.createElement("code");
      code.textContent = part;
      parent.appendChild(code);
    } else {
      parent.appendChild(document.createTextNode(part));
    }
  });
}

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function renderDescription(parent, description) {
  // Paragraphs are separated by blank lines; single newlines are wrapping.
  for (const para of String(description).split(/\n\s*\n/)) {
    const p = el("p", "cm-schema-description");
    appendRich(p, para.replace(/\s*\n\s*/g, " ").trim());
    parent.appendChild(p);
  }
}

function renderInfo(info, heading) {
  const dom = el("div", "cm-schema-info");
  if (heading) dom.appendChild(el("div", "cm-schema-path", heading));
  const meta = [];
  if (info.type) meta.push(info.type);
  if (info.required) meta.push("required");
  if (info.hasDefault) meta.push(`default: ${yamlScalarOrJson(info.default)}`);
  if (meta.length) dom.appendChild(el("div", "cm-schema-meta", meta.join(" · ")));
  if (info.description) renderDescription(dom, info.description);
  const enums = info.values.filter((v) => typeof v !== "boolean" && v !== null);
  if (enums.length) {
    const shown = enums.slice(0, MAX_ENUM_SHOWN).map(yamlScalar).join(", ");
    const more = enums.length > MAX_ENUM_SHOWN ? ` … (${enums.length} values in all)` : "";
    const line = el("div", "cm-schema-enum");
    line.appendChild(el("span", "cm-schema-label", enums.length === 1 ? "Value: " : "One of: "));
    line.appendChild(el("code", null, shown));
    if (more) line.appendChild(document.createTextNode(more));
    dom.appendChild(line);
  }
  if (info.constraints.length) dom.appendChild(el("div", "cm-schema-meta", info.constraints.join("; ")));
  return dom;
}

function yamlScalarOrJson(v) {
  return v !== null && typeof v === "object" ? JSON.stringify(v) : yamlScalar(v);
}

// How a completed key is written: `key: ` for scalars, `key:` and a new indented line for a
// mapping, `key:` and a new `- ` item for a sequence.
function keyInsertion(index, propSchema, keyCol) {
  const alts = index.flatten(propSchema).filter((c) => {
    const ts = index.types([c]);
    return !(ts.size === 1 && ts.has("null"));
  });
  const types = index.types(alts);
  const pad = " ".repeat(keyCol + 2);
  // `reopen`: open the completion again after inserting (for the nested keys, the items, or
  // the allowed values).
  if (alts.length && types.size === 1 && types.has("object")) return { text: ":\n" + pad, reopen: true };
  if (alts.length && types.size === 1 && types.has("array")) return { text: ":\n" + pad + "- ", reopen: true };
  return { text: ": ", reopen: index.values(index.flatten(propSchema)).some((v) => v !== null) };
}

function completionSource(getIndex) {
  return (context) => {
    const { state, pos } = context;
    const line = state.doc.lineAt(pos);
    const getLine = lineGetter(state);
    const cc = completionContext(getLine, line.number, pos - line.from);
    if (!cc) return null;
    const index = getIndex();
    const from = line.from + cc.from;
    const options = [];
    const valueOptions = (candidates) => {
      let values = index.values(candidates);
      // `null` alone is not worth popping up unasked.
      if (!context.explicit && values.every((v) => v === null)) values = [];
      return values.map((v) => ({
        label: yamlScalar(v),
        type: typeof v === "string" ? "enum" : "keyword",
        boost: typeof v === "string" ? 1 : 0,
      }));
    };
    if (cc.mode === "value") {
      options.push(...valueOptions(index.resolve(cc.path).candidates));
    } else {
      if (!cc.token && !cc.afterItem && !context.explicit) return null;
      const resolved = index.resolve(cc.path);
      if (cc.afterItem) options.push(...valueOptions(resolved.candidates));
      const props = index.properties(resolved.candidates);
      if (props.size) {
        const present = siblingKeys(getLine, state.doc.lines, line.number, cc.from, cc.afterItem);
        const after = line.text.slice(pos - line.from);
        const hasColon = /^[\w.\-+]*[ \t]*:/.test(after);
        for (const [name, { schema, required }] of props) {
          if (present.has(name)) continue;
          const label = yamlScalar(name);
          const ins = keyInsertion(index, schema, cc.from);
          const info = describe(index, index.resolve([...cc.path, name]));
          options.push({
            label,
            type: "property",
            detail: info.type + (required ? " (required)" : ""),
            boost: required ? 2 : 0,
            info: () => renderInfo(info, null),
            apply: (view, completion, f, t) => {
              if (hasColon) {
                // Renaming an existing key: replace the whole word, keep its colon and value.
                const m = /^[\w.\-+]*/.exec(view.state.sliceDoc(t, view.state.doc.lineAt(t).to));
                view.dispatch(insertCompletionText(view.state, label, f, t + m[0].length));
                return;
              }
              view.dispatch(insertCompletionText(view.state, label + ins.text, f, t));
              if (ins.reopen) setTimeout(() => startCompletion(view), 0);
            },
          });
        }
      }
    }
    if (!options.length) return null;
    return { from, options, validFor: /^[\w.\-+]*$/ };
  };
}

function schemaHover(getIndex) {
  return hoverTooltip((view, pos, side) => {
    const line = view.state.doc.lineAt(pos);
    const col = pos - line.from;
    if (col >= line.length && side > 0) return null;
    const hit = nodeAt(lineGetter(view.state), line.number, side < 0 && col > 0 ? col - 1 : col);
    if (!hit) return null;
    const index = getIndex();
    const resolved = index.resolve(hit.path);
    if (!resolved.raw.length) return null;
    const info = describe(index, resolved);
    return {
      pos: line.from + hit.from,
      end: line.from + hit.to,
      above: true,
      create: () => ({ dom: renderInfo(info, formatPath(hit.path)) }),
    };
  }, { hoverTime: 300 });
}

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "14px" },
  ".cm-scroller": {
    fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace",
    lineHeight: "1.45",
  },
  ".cm-schema-info": {
    maxWidth: "36em",
    padding: "4px 8px",
    fontFamily: "system-ui, -apple-system, 'Segoe UI', sans-serif",
    fontSize: "13px",
    lineHeight: "1.4",
    whiteSpace: "normal",
  },
  ".cm-schema-path": { fontFamily: "ui-monospace, monospace", fontWeight: "bold" },
  ".cm-schema-meta": { opacity: "0.75" },
  ".cm-schema-description": { margin: "4px 0" },
  ".cm-schema-enum code, .cm-schema-description code": { fontFamily: "ui-monospace, monospace", fontSize: "12px" },
  ".cm-tooltip.cm-completionInfo": { padding: "0" },
});

function normalize(text) {
  return String(text == null ? "" : text).replace(/\r\n?/g, "\n");
}

/**
 * Create an editor in `parent`.
 * options: {doc, schema, lint, onChange, onSave} (see README.md).
 * Returns {getText, setText, applyText, focus, lintNow, destroy, view}.
 */
export function create(parent, options = {}) {
  if (!parent || typeof parent.appendChild !== "function") {
    throw new TypeError("EvaluatorEditor.create: parent must be a DOM element");
  }
  const opts = options || {};
  const index = new SchemaIndex(opts.schema);
  const getIndex = () => index;

  const extensions = [
    basicSetup,
    keymap.of([indentWithTab]),
    EditorState.tabSize.of(2),
    indentUnit.of("  "),
    yaml(),
    yamlLanguage.data.of({ autocomplete: completionSource(getIndex) }),
    schemaHover(getIndex),
    lintGutter(),
    theme,
  ];
  if (typeof opts.lint === "function") {
    const lint = opts.lint;
    extensions.push(linter(async (view) => {
      const doc = view.state.doc;
      const items = await lint(doc.toString());
      return toDiagnostics(doc, items);
    }, { delay: LINT_DELAY_MS }));
  }
  if (typeof opts.onChange === "function") {
    const onChange = opts.onChange;
    extensions.push(EditorView.updateListener.of((update) => {
      if (!update.docChanged) return;
      const api = update.transactions.some((tr) => tr.annotation(apiChange));
      onChange(update.state.doc.toString(), { source: api ? "api" : "user" });
    }));
  }
  if (typeof opts.onSave === "function") {
    const onSave = opts.onSave;
    extensions.push(Prec.highest(keymap.of([{
      key: "Mod-s",
      preventDefault: true,
      run: () => { onSave(); return true; },
    }])));
  }

  const view = new EditorView({
    parent,
    state: EditorState.create({ doc: normalize(opts.doc), extensions }),
  });

  const replace = (change) => {
    view.dispatch({
      changes: change,
      annotations: [apiChange.of(true), isolateHistory.of("full")],
    });
  };

  return {
    view,
    getText: () => view.state.doc.toString(),
    setText(text) {
      const t = normalize(text);
      if (t === view.state.doc.toString()) return;
      replace({ from: 0, to: view.state.doc.length, insert: t });
    },
    applyText(text) {
      const change = minimalChange(view.state.doc.toString(), normalize(text));
      if (change) replace(change);
    },
    focus: () => view.focus(),
    lintNow: () => forceLinting(view),
    destroy: () => view.destroy(),
  };
}

if (typeof window !== "undefined") {
  window.EvaluatorEditor = { create };
}
