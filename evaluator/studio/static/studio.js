// The studio's editor page: the editor, live diagnostics and results, saving, applying edits.
(function () {
  "use strict";
  const initial = JSON.parse(document.getElementById("initial").textContent);
  const state = { path: initial.path || null, base: initial.base || null, editor: null, applied: 0 };
  const status = document.getElementById("status");
  const say = (text) => { status.textContent = text; };

  window.Studio = {
    get path() { return state.path || ""; },
    text: () => (state.editor ? state.editor.getText() : initial.text),
  };

  const post = (url, body, method) =>
    fetch(url, {
      method: method || "POST",
      headers: { "Content-Type": "application/json" },
      credentials: "same-origin",
      body: JSON.stringify(body),
    });

  const draftName = () => state.path || "draft.yaml";

  async function lint(text) {
    const response = await post("/api/validate", { text, path: state.path });
    if (!response.ok) return [];
    const data = await response.json();
    return data.problems
      .filter((p) => p.file === draftName())
      .map((p) => ({
        line: p.line,
        col: p.col,
        severity: p.severity === "note" ? "info" : "error",
        message: (p.path ? p.path + ": " : "") + p.message,
      }));
  }

  const changed = () => document.body.dispatchEvent(new Event("studio-changed"));

  async function save(asCopy) {
    let path = state.path;
    if (!path || asCopy) {
      path = window.prompt("Save as (a .yaml file in the workspace):", asCopy && path ? path.replace(/\.ya?ml$/, "-copy.yaml") : "draft.yaml");
      if (!path) return;
    }
    const body = { path, text: state.editor.getText(), base: asCopy || !state.path ? null : state.base };
    const response = await post("/api/file", body, "PUT");
    const data = await response.json();
    if (response.status === 409) {
      document.getElementById("conflict").hidden = false;
      say("not saved: the file changed on disk");
      return;
    }
    if (!response.ok) { say("not saved: " + (data.error || response.statusText)); return; }
    state.path = data.path;
    state.base = data.digest;
    document.getElementById("file-name").textContent = data.path;
    document.getElementById("conflict").hidden = true;
    history.replaceState(null, "", "/edit?path=" + encodeURIComponent(data.path));
    say("saved " + data.path);
    changed();
  }

  async function reload() {
    const response = await fetch("/api/file?path=" + encodeURIComponent(state.path), { credentials: "same-origin" });
    const data = await response.json();
    if (!response.ok) { say(data.error || "cannot reload"); return; }
    state.editor.setText(data.text);
    state.base = data.digest;
    document.getElementById("conflict").hidden = true;
    say("reloaded from disk");
  }

  async function download(url, body, name, open) {
    say("working…");
    const response = await post(url, body);
    if (!response.ok) {
      const data = await response.json().catch(() => ({}));
      say("failed: " + (data.error || (data.problems ? data.problems.length + " problem(s) in the proposal" : response.statusText)));
      return;
    }
    const blob = await response.blob();
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    if (open) { link.target = "_blank"; } else { link.download = name; }
    document.body.appendChild(link);
    link.click();
    link.remove();
    say(open ? "brief preview opened" : "downloaded " + name);
  }

  const stem = () => (state.path || "draft.yaml").split("/").pop().replace(/\.ya?ml$/, "");
  const payload = (extra) => Object.assign({ text: state.editor.getText(), path: state.path }, extra || {});

  async function apply(edits) {
    const response = await post("/api/apply", { text: state.editor.getText(), edits });
    const data = await response.json();
    if (!response.ok) { say("not applied: " + (data.error || response.statusText)); return; }
    state.applied = Date.now();
    state.editor.applyText(data.text);
    say("applied: " + edits.map((e) => e.path + " = " + JSON.stringify(e.value)).join(", "));
    changed();
  }

  function goTo(line, col) {
    const view = state.editor.view;
    const doc = view.state.doc;
    const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
    const pos = Math.min(at.from + Math.max(col, 1) - 1, at.to);
    view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
    view.focus();
  }

  document.addEventListener("click", (event) => {
    const target = event.target.closest("button.apply, a.goto");
    if (!target) return;
    event.preventDefault();
    if (target.matches("button.apply")) apply(JSON.parse(target.dataset.edits));
    else goTo(Number(target.dataset.line), Number(target.dataset.col));
  });
  document.addEventListener("change", (event) => {
    const input = event.target.closest("input[data-path]");
    if (input && input.value !== "") apply([{ path: input.dataset.path, value: Number(input.value) }]);
  });
  document.getElementById("save").addEventListener("click", () => save(false));
  document.getElementById("save-copy").addEventListener("click", () => save(true));
  document.getElementById("conflict-copy").addEventListener("click", () => save(true));
  document.getElementById("reload").addEventListener("click", reload);
  document.getElementById("preview").addEventListener("click", () => download("/api/brief", payload({ format: "html" }), stem() + ".html", true));
  document.getElementById("pdf").addEventListener("click", () => download("/api/brief", payload({ format: "pdf" }), stem() + ".pdf", false));
  document.getElementById("json").addEventListener("click", () => download("/api/score", payload(), stem() + ".json", false));
  document.getElementById("csv").addEventListener("click", () => download("/api/scores.csv", payload(), stem() + ".csv", false));

  fetch("/api/schema", { credentials: "same-origin" })
    .then((r) => r.json())
    .then((schema) => {
      state.editor = window.EvaluatorEditor.create(document.getElementById("editor"), {
        doc: initial.text,
        schema,
        lint,
        onChange: () => {
          if (!state.applied || Date.now() - state.applied > 1000) say("edited");
          changed();
        },
        onSave: () => save(false),
      });
      document.body.dataset.ready = "true";
    });
})();
