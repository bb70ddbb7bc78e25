"""The studio's HTTP API and pages, with the framework's test client (no browser)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from fastapi.testclient import TestClient

from evaluator.studio.app import create_app
from evaluator.studio.security import MAX_REQUEST_BYTES
from evaluator.studio.service import digest
from tests.conftest import PROPOSALS

TOKEN = "t" * 43
HOST = "127.0.0.1:8765"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    for name in ("guest_worker_rodrik.yaml", "rebalanced_agreement.yaml", "us_h2a.yaml"):
        shutil.copy(PROPOSALS / name, tmp_path / name)
    return tmp_path


@pytest.fixture
def client(workspace: Path) -> TestClient:
    app = create_app(workspace, TOKEN, frozenset({HOST, "localhost:8765"}))
    return TestClient(app, base_url=f"http://{HOST}")


def test_every_request_needs_the_token(client: TestClient) -> None:
    assert client.get("/").status_code == 401
    assert client.post("/api/validate", json={"text": "x"}).status_code == 401
    wrong = {"Authorization": "Bearer " + "u" * 43}
    assert client.post("/api/validate", json={"text": "x"}, headers=wrong).status_code == 401
    assert client.get("/", headers=AUTH).status_code == 200


def test_the_token_in_the_url_becomes_a_cookie(client: TestClient) -> None:
    first = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert (
        "HttpOnly" in first.headers["set-cookie"]
        and "SameSite=Strict" in (first.headers["set-cookie"])
    )
    assert client.get("/").status_code == 200  # the client kept the cookie


def test_a_foreign_host_is_refused(client: TestClient) -> None:
    """DNS rebinding: a page at evil.example resolving to 127.0.0.1 sends its own Host."""
    response = client.get("/", headers={**AUTH, "Host": "evil.example:8765"})
    assert response.status_code == 403


def test_a_cross_site_request_is_refused(client: TestClient) -> None:
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        response = client.post("/api/validate", json={"text": "x"}, headers={**AUTH, **headers})
        assert response.status_code == 403
    same = {**AUTH, "Origin": f"http://{HOST}"}
    assert client.post("/api/validate", json={"text": "x"}, headers=same).status_code == 200


def test_a_request_over_the_size_cap_is_refused(client: TestClient) -> None:
    big = "#" * (MAX_REQUEST_BYTES + 1)
    assert client.post("/api/validate", content=big, headers=AUTH).status_code == 413


def test_validate_gives_the_cli_s_messages(client: TestClient, workspace: Path) -> None:
    text = (workspace / "us_h2a.yaml").read_text().replace("wage_floor:", "wage_flor:", 1)
    data = client.post(
        "/api/validate", json={"text": text, "path": "us_h2a.yaml"}, headers=AUTH
    ).json()
    assert not data["ok"]
    (problem,) = [p for p in data["problems"] if p["severity"] == "error"]
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "wage_flor:" in t)
    assert (problem["file"], problem["line"]) == ("us_h2a.yaml", line)
    assert "did you mean 'wage_floor'" in problem["message"]


def test_score_compare_brief_and_csv(client: TestClient, workspace: Path) -> None:
    text = (workspace / "guest_worker_rodrik.yaml").read_text()
    scored = client.post("/api/score", json={"text": text, "draws": 500}, headers=AUTH).json()
    assert scored["provenance"]["draws"] == 500 and scored["overall"]["score"] > 0
    other = (workspace / "rebalanced_agreement.yaml").read_text()
    compared = client.post(
        "/api/compare",
        json={"items": [{"text": text}, {"text": other}], "draws": 500},
        headers=AUTH,
    ).json()
    assert len(compared["alternatives"]) == 2
    pdf = client.post("/api/brief", json={"text": text, "draws": 500}, headers=AUTH)
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    html = client.post(
        "/api/brief", json={"text": text, "draws": 500, "format": "html"}, headers=AUTH
    )
    assert "<html" in html.text
    table = client.post("/api/scores.csv", json={"text": text, "draws": 500}, headers=AUTH)
    assert table.text.splitlines()[0] == "name,value,p05,p95,unit"


def test_an_invalid_proposal_is_422_with_located_problems(client: TestClient) -> None:
    response = client.post("/api/score", json={"text": "title: [unclosed\n"}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["problems"][0]["line"] >= 1


def test_apply_keeps_comments(client: TestClient, workspace: Path) -> None:
    text = (workspace / "guest_worker_rodrik.yaml").read_text()
    edits = [{"path": "mobility.quota_set_by", "value": "host"}]
    new = client.post("/api/apply", json={"text": text, "edits": edits}, headers=AUTH).json()
    changed = [
        (a, b) for a, b in zip(text.splitlines(), new["text"].splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1
    assert "quota_set_by: host" in changed[0][1] and "# rodrik_seed" in changed[0][1]


def test_save_is_atomic_and_refuses_a_changed_file(client: TestClient, workspace: Path) -> None:
    opened = client.get("/api/file", params={"path": "us_h2a.yaml"}, headers=AUTH).json()
    (workspace / "us_h2a.yaml").write_text(opened["text"] + "# edited elsewhere\n")
    stale = {"path": "us_h2a.yaml", "text": "title: mine\n", "base": opened["digest"]}
    response = client.put("/api/file", json=stale, headers=AUTH)
    assert response.status_code == 409
    assert (workspace / "us_h2a.yaml").read_text().endswith("# edited elsewhere\n")
    fresh = (workspace / "us_h2a.yaml").read_text()
    ok = client.put(
        "/api/file",
        json={"path": "us_h2a.yaml", "text": fresh + "# mine\n", "base": digest(fresh)},
        headers=AUTH,
    )
    assert ok.status_code == 200
    assert (workspace / "us_h2a.yaml").read_text().endswith("# mine\n")
    copy = {"path": "us_h2a.yaml", "text": "x", "base": None}
    assert client.put("/api/file", json=copy, headers=AUTH).status_code == 400  # exists


@pytest.mark.parametrize(
    "path", ["../outside.yaml", "/etc/passwd", "sub/../../x.yaml", "notes.txt", "link.yaml"]
)
def test_files_stay_inside_the_workspace(client: TestClient, workspace: Path, path: str) -> None:
    (workspace / "link.yaml").symlink_to("/etc/hostname")
    assert client.get("/api/file", params={"path": path}, headers=AUTH).status_code == 400
    body = {"path": path, "text": "x", "base": None}
    assert client.put("/api/file", json=body, headers=AUTH).status_code == 400


def test_pages_render(client: TestClient) -> None:
    index = client.get("/", headers=AUTH).text
    assert "guest_worker_rodrik.yaml" in index
    editor = client.get("/edit", params={"path": "us_h2a.yaml"}, headers=AUTH).text
    assert 'id="editor"' in editor and "/static/editor.js" in editor
    new = client.get("/edit", params={"new": "visa-scheme"}, headers=AUTH).text
    assert "visa_scheme" in new
    compared = client.get(
        "/compare",
        params=[("path", "guest_worker_rodrik.yaml"), ("path", "rebalanced_agreement.yaml")],
        headers=AUTH,
    ).text
    assert 'id="beats"' in compared


def test_results_fragment_shows_scores_and_the_change_against_the_saved_file(
    client: TestClient, workspace: Path
) -> None:
    text = (workspace / "guest_worker_rodrik.yaml").read_text()
    edited = text.replace("quota_set_by: bilateral", "quota_set_by: host")
    fragment = client.post(
        "/ui/results", data={"text": edited, "path": "guest_worker_rodrik.yaml"}, headers=AUTH
    ).text
    assert 'id="scores"' in fragment and "vs saved" in fragment
    assert "/ui/recommendations" in fragment  # the slow part follows in a second request
    recommendations = client.post(
        "/ui/recommendations",
        data={"text": edited, "path": "guest_worker_rodrik.yaml"},
        headers=AUTH,
    ).text
    assert 'class="apply"' in recommendations


def test_a_streamed_body_over_the_cap_is_refused(client: TestClient) -> None:
    """Without a Content-Length (a chunked body) the cap is enforced while reading."""

    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_REQUEST_BYTES // 65536 + 2):
            yield b"#" * 65536

    response = client.post("/api/validate", content=chunks(), headers=AUTH)
    assert response.status_code == 413


def test_recommendations_worked_out_ahead_are_those_of_the_text(
    client: TestClient, workspace: Path
) -> None:
    """The recommendations the application starts working out when it sends the scores are
    the ones of the text the page asks about, and the same as when nothing was started (the
    model runs of the scores are reused, the numbers are not changed by it)."""
    from evaluator.studio import pages
    from evaluator.studio.service import Workspace

    text = (workspace / "us_h2a.yaml").read_text()
    edited = text.replace("right_to_organise: false", "right_to_organise: true")
    assert edited != text
    form = {"text": edited, "path": "us_h2a.yaml"}
    client.post("/ui/results", data=form, headers=AUTH)
    ahead = client.post("/ui/recommendations", data=form, headers=AUTH).text
    pages._cache.clear()
    fresh = pages.recommendations(Workspace.at(workspace), edited, "us_h2a.yaml")
    import difflib

    assert ahead == fresh, "\n".join(difflib.unified_diff(ahead.splitlines(), fresh.splitlines()))
    assert 'class="apply"' in ahead
    other = client.post(
        "/ui/recommendations", data={"text": text, "path": "us_h2a.yaml"}, headers=AUTH
    ).text
    assert other != ahead  # not the recommendations of the text scored before


def test_validate_after_scoring_says_what_validate_says(
    client: TestClient, workspace: Path
) -> None:
    """The linter's request after the scores skips the models' input check (the evaluation
    just passed it) and says the same as a fresh validation."""
    from evaluator.studio import pages
    from evaluator.studio.service import Workspace

    text = (workspace / "guest_worker_rodrik.yaml").read_text()
    body = {"text": text, "path": "guest_worker_rodrik.yaml"}
    pages._cache.clear()
    fresh = client.post("/api/validate", json=body, headers=AUTH).json()
    client.post("/ui/results", data=body, headers=AUTH)
    assert pages.scored(Workspace.at(workspace), text, "guest_worker_rodrik.yaml")
    assert client.post("/api/validate", json=body, headers=AUTH).json() == fresh
