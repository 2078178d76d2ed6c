"""The `diplobrief` command: a brief from a file, JSON, a batch with bad lines, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from diplobrief.cli import main
from tests.conftest import FIXTURES, PageServer, read_fixture


def test_brief_from_text_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "c.db")
    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--db", db])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Norway Hosts Fresh Talks")
    assert " 5. " in out and " 6. " not in out
    assert "Key actors" in out and "Chile" in out

    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--db", db, "--json", "-n", "5"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["cached"] is True and len(data["summary"]) == 5
    expected = {
        "url", "canonical_url", "title", "site", "authors", "published", "language", "summary",
        "algorithm", "sentences_total", "reduction", "actors", "quotes", "cached", "fetched_at",
    }  # fmt: skip
    assert expected <= data.keys()
    actor = data["actors"][0]
    assert {"name", "type", "key", "mentions", "aliases", "role", "affiliation"} <= actor.keys()


def test_brief_from_html_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["brief", str(FIXTURES / "treaty-talks.html"), "--no-cache", "-n", "2", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["site"] == "The Harbour Times" and len(data["summary"]) == 2
    assert data["published"] == "2024-03-12"


def test_failed_brief_exits_1_with_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["brief", "/no/such/file.txt", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err


def test_bad_usage_exits_2() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["brief", "x", "--sentences", "11"])
    assert caught.value.code == 2


async def test_batch_with_a_bad_line(tmp_path: Path, page_server: PageServer) -> None:
    url = page_server.add("/a", read_fixture("treaty-talks.html"))
    lines = [
        json.dumps({"id": "u", "url": url}),
        "{not json",
        json.dumps({"id": "t", "text": read_fixture("treaty-talks.txt")}),
        json.dumps(
            {"id": "h", "html": read_fixture("treaty-talks.html"), "url": "https://h.example/"}
        ),
        json.dumps({"id": "w", "html": read_fixture("cookie-wall.html")}),
        json.dumps({"id": "n", "nothing": 1}),
        json.dumps({"id": "b", "url": "http://10.0.0.1/"}),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    env = {"DIPLOBRIEF_FETCH_ALLOW_NETWORKS": "127.0.0.1/32", "DIPLOBRIEF_WORKERS": "1"}
    import os

    proc = await _run(
        [sys.executable, "-m", "diplobrief.cli", "batch", str(src), str(out), "--db",
         str(tmp_path / "b.db")],
        env={**os.environ, **env},
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    records = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert len(records) == 7
    assert records["u"]["title"].startswith("Norway") and len(records["u"]["summary"]) == 5
    assert records["t"]["title"].startswith("Norway")
    assert records["h"]["site"] == "The Harbour Times"
    assert records[2]["error"]["kind"] == "error" and "not JSON" in records[2]["error"]["message"]
    assert records["w"]["error"]["kind"] == "not_an_article"
    assert "url, html or text" in records["n"]["error"]["message"]
    assert records["b"]["error"]["kind"] == "blocked_url"


async def _run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    import asyncio

    # The page server runs on this event loop, so the child must not block it.
    return await asyncio.to_thread(
        subprocess.run, cmd, env=env, capture_output=True, text=True, timeout=120
    )


def test_ratio_and_no_quotes_options(capsys: pytest.CaptureFixture[str]) -> None:
    target = str(FIXTURES / "treaty-talks.txt")
    code = main(["brief", target, "--no-cache", "--ratio", "0.2", "--no-quotes", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and len(data["summary"]) == min(10, round(data["sentences_total"] * 0.2))
    assert not any("“" in s or '"' in s for s in data["summary"])
    with pytest.raises(SystemExit) as caught:
        main(["brief", target, "--ratio", "0.5", "--sentences", "3"])
    assert caught.value.code == 2


def test_bad_settings_exit_2_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DIPLOBRIEF_SENTENCES", "11")
    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--db", str(tmp_path / "x.db")])
    err = capsys.readouterr().err
    assert code == 2 and "bad settings" in err and "Traceback" not in err
    with pytest.raises(SystemExit) as caught:
        main(["batch", "in.jsonl", "--workers", "-1"])
    assert caught.value.code == 2
