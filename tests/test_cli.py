"""The `diplobrief` command: a brief from a file, JSON, a batch with bad lines, exit codes."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from diplobrief.cli import main
from tests.support import FIXTURES, ROOT, PageServer, foreign_article, read_fixture
from tests.support.batch_stall import STALL


@pytest.fixture(autouse=True)
def _pipeline_loaded(nlp: object) -> None:
    """`brief` analyses in a worker forked from this process: loaded here once, the pipeline
    is there in every such worker at once."""


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


async def _run(
    cmd: list[str], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    import asyncio

    # The page server runs on this event loop, so the child must not block it.
    return await asyncio.to_thread(
        subprocess.run, cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=120
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


def test_a_tiny_ratio_means_one_sentence_not_a_crash_or_a_stale_brief(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target, db = str(FIXTURES / "treaty-talks.txt"), str(tmp_path / "r.db")
    assert main(["brief", target, "--db", db, "--json"]) == 0  # caches the 5-sentence brief
    assert len(json.loads(capsys.readouterr().out)["summary"]) == 5
    for extra in (["--no-cache"], []):
        code = main(["brief", target, "--db", db, "--ratio", "0.0004", "--json", *extra])
        captured = capsys.readouterr()
        assert code == 0, captured.err
        assert len(json.loads(captured.out)["summary"]) == 1


def test_no_cache_leaves_no_database_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DIPLOBRIEF_DB", raising=False)
    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--no-cache", "-n", "2"])
    assert code == 0, capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
    # The control: with the cache, the default database appears here.
    assert main(["brief", str(FIXTURES / "treaty-talks.txt"), "-n", "2"]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".sqlite3"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF, not a saved web page"),
        ("photo.html", b"\x89PNG\r\n\x1a\n\x00\x00", "is an image, not a saved web page"),
        ("dump.txt", b"abc\x00\x01\x02def" * 50, "is binary data, not a saved web page"),
        ("note.txt", b"Talks resume in Oslo today.", "too short to brief: 5 words"),
        ("run-on.txt", b"talks border envoy treaty " * 50_000, "make 0 sentences"),
    ],
)
def test_files_that_cannot_be_briefed_are_named_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    code = main(["brief", str(path), "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and expected in err and "Traceback" not in err
    assert err.count("\n") == 1 and "page" not in err.replace("web page", "")


def test_an_empty_target_is_refused_plainly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["brief", "  ", "--no-cache"]) == 1
    assert capsys.readouterr().err == "diplobrief: give a link or a file to brief\n"


def _batch(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    import os

    env = {**os.environ, "DIPLOBRIEF_WORKERS": "0", "DIPLOBRIEF_DB": str(cwd / "b.db")}
    return subprocess.run(
        [sys.executable, "-m", "diplobrief.cli", "batch", *args],
        env=env, cwd=cwd, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_batch_may_write_over_its_own_input(tmp_path: Path) -> None:
    same = tmp_path / "same.jsonl"
    lines = [{"id": "t", "text": read_fixture("treaty-talks.txt")}, {"id": "x", "nothing": 1}]
    same.write_text("".join(json.dumps(line) + "\n" for line in lines))
    proc = _batch([str(same), str(same)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    records = {r["id"]: r for r in map(json.loads, same.read_text().splitlines())}
    assert records["t"]["title"].startswith("Norway") and "error" in records["x"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.db", "same.jsonl"]  # no temp left


def test_batch_output_keeps_its_permissions(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "t", "text": read_fixture("treaty-talks.txt")}) + "\n")
    out = tmp_path / "out.jsonl"
    out.write_text("old\n")
    out.chmod(0o600)
    proc = _batch([str(src), str(out)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text())["id"] == "t"
    assert out.stat().st_mode & 0o777 == 0o600


def test_batch_never_writes_through_a_symlink_at_its_output(tmp_path: Path) -> None:
    """In a shared folder someone else can plant OUT as a symlink to any file the runner can
    write: the batch replaces the symlink, and the file it points to is untouched."""
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "t", "text": read_fixture("treaty-talks.txt")}) + "\n")
    victim = tmp_path / "elsewhere" / "precious.txt"
    victim.parent.mkdir()
    victim.write_text("keep me\n")
    victim.chmod(0o640)
    planted = tmp_path / "out.jsonl"
    planted.symlink_to(victim)
    proc = _batch([str(src), str(planted)], tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert victim.read_text() == "keep me\n" and victim.stat().st_mode & 0o777 == 0o640
    assert not planted.is_symlink() and json.loads(planted.read_text())["id"] == "t"


def test_batch_refuses_an_output_it_cannot_write_before_any_work(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "t", "text": read_fixture("treaty-talks.txt")}) + "\n")
    for output, expected in (
        (tmp_path / "missing" / "out.jsonl", "folder is missing or read-only"),
        (tmp_path, "is a folder"),
    ):
        proc = _batch([str(src), str(output)], tmp_path)
        assert proc.returncode == 1 and expected in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr
    assert not (tmp_path / "b.db").exists()  # refused before the cache was even opened


def test_batch_input_that_is_not_utf8_is_refused_plainly(tmp_path: Path) -> None:
    src = tmp_path / "bad.jsonl"
    src.write_bytes(b'{"id": "a", "text": "caf\xe9"}\n\xff\xfe\x80')
    proc = _batch([str(src)], tmp_path)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "bad.jsonl is not UTF-8 text" in proc.stderr


def test_a_batch_url_never_reads_a_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(read_fixture("treaty-talks.txt"))
    lines = [
        {"id": "path", "url": str(secret)},
        {"id": "file-url", "url": secret.as_uri()},
        {"id": "relative", "url": "secret.txt"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    proc = _batch([str(src)], tmp_path)
    assert proc.returncode == 1, proc.stderr  # every line failed
    records = {r["id"]: r for r in map(json.loads, proc.stdout.splitlines())}
    assert set(records) == {"path", "file-url", "relative"}
    for record in records.values():
        assert "summary" not in record and record["error"]["kind"] in ("bad_target", "blocked_url")
    assert "Norway" not in proc.stdout


def test_an_unknown_default_algorithm_is_a_bad_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DIPLOBRIEF_ALGORITHM", "bogus")
    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--db", str(tmp_path / "x.db")])
    err = capsys.readouterr().err
    assert code == 2 and "bad settings" in err and "unknown algorithm 'bogus'" in err
    monkeypatch.setenv("DIPLOBRIEF_ALGORITHM", " LexRank ")  # the control: a known name, any case
    code = main(["brief", str(FIXTURES / "treaty-talks.txt"), "--db", str(tmp_path / "x.db")])
    assert code == 0 and "lexrank" in capsys.readouterr().out


def test_a_host_name_part_over_63_characters_is_a_plain_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(["brief", f"https://{'a' * 64}.example/story", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert err.startswith("diplobrief: that link has an invalid site name") and err.count("\n") == 1


# The CLI's real entry point, with one line that never finishes analysing
# (tests/support/batch_stall.py).
STALLING_CLI = [sys.executable, "-c", "from tests.support.batch_stall import main; main()"]


def _stalling_env(**extra: str) -> dict[str, str]:
    import os

    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DIPLOBRIEF_FETCH_ALLOW_NETWORKS": "127.0.0.1/32",
        **extra,
    }


async def test_a_batch_with_a_stuck_line_writes_every_other_line(
    tmp_path: Path, page_server: PageServer
) -> None:
    url = page_server.add("/a", read_fixture("treaty-talks.html"))
    text = read_fixture("treaty-talks.txt")
    lines = [
        {"id": "u", "url": url},
        {"id": "t", "text": text},
        {"id": "s", "text": f"{text}\n\n{STALL}"},
        {"id": "h", "html": read_fixture("treaty-talks.html"), "url": "https://h.example/"},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out.jsonl"
    proc = await _run(
        [*STALLING_CLI, "batch", str(src), str(out), "--workers", "2", "--db",
         str(tmp_path / "b.db")],
        env=_stalling_env(DIPLOBRIEF_ANALYSIS_TIMEOUT="2"),
        cwd=ROOT,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["u", "t", "s", "h"]
    u, t, s, h = records
    assert s["error"] == {"kind": "analysis_timeout", "message": "that page took too long to read"}
    assert all(r["title"].startswith("Norway") and r["summary"] for r in (u, t, h))
    assert "ran past 2 s: killing worker" in proc.stderr


def _briefs_in(db: Path) -> int:
    import sqlite3

    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM briefs").fetchone()[0])
    except sqlite3.Error:
        return 0  # not made yet, or busy


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
async def test_a_batch_stopped_by_a_signal_still_writes_the_lines_it_finished(
    tmp_path: Path, page_server: PageServer, signum: int
) -> None:
    import asyncio
    import time

    url = page_server.add("/a", read_fixture("treaty-talks.html"))
    stuck = {"id": "s", "text": read_fixture("summ_talks.txt") + f"\n\n{STALL}"}
    lines = [
        {"id": "u", "url": url},
        {"id": "t", "text": read_fixture("treaty-talks.txt")},
        stuck,
        {"id": "k", "text": read_fixture("summ_talks.txt")},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db, mark = tmp_path / "b.db", tmp_path / "stuck"
    proc = subprocess.Popen(
        [*STALLING_CLI, "batch", str(src), str(src), "--workers", "2", "--db", str(db)],
        env=_stalling_env(STALL_MARK=str(mark)),
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        # The three good lines are done (saved in the cache) and the fourth is stuck.
        while not (mark.exists() and _briefs_in(db) == 3):
            assert proc.poll() is None and time.monotonic() < deadline, proc.stderr
            await asyncio.sleep(0.05)
        proc.send_signal(signum)
        _, err = await asyncio.to_thread(proc.communicate, timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + signum, err
    name = signal.Signals(signum).name
    assert f"stopped by {name}: 3 of 4 lines done" in err, err
    # The output is the input itself: the finished lines are there, and the stuck one kept its
    # input, so running the batch on the file again finishes it.
    records = [json.loads(line) for line in src.read_text().splitlines()]
    assert [r["id"] for r in records] == ["u", "t", "s", "k"]
    u, t, s, k = records
    assert all(r["title"] and r["summary"] for r in (u, t, k))
    assert s == {**stuck, "error": {"kind": "interrupted", "message": s["error"]["message"]}}
    assert "stopped" in s["error"]["message"]


@pytest.mark.review(by="trust")
async def test_the_command_line_prints_no_terminal_escapes_from_a_page(
    tmp_path: Path, page_server: PageServer
) -> None:
    """`clean_text` drops control characters from everything an article carries, but the
    declared language goes into the error message as it is: `diplobrief brief URL` writes the
    page's ESC sequences to the operator's terminal (a hyperlink, colours, the window title)."""
    import os
    import subprocess
    import sys

    lang = "&#27;]8;;http://phish.example/&#7;click here&#27;]8;;&#7;&#27;[31m&#27;]0;pwned&#7;"
    url = page_server.add("/esc", foreign_article(lang))
    env = {
        **os.environ,
        "DIPLOBRIEF_FETCH_ALLOW_NETWORKS": "127.0.0.1/32",
        "DIPLOBRIEF_WORKERS": "1",
    }
    cmd = [sys.executable, "-m", "diplobrief.cli", "brief", url, "--db", str(tmp_path / "c.db")]
    proc = await asyncio.to_thread(
        subprocess.run, cmd, env=env, capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\x07" not in proc.stderr, repr(proc.stderr[-300:])


@pytest.mark.parametrize("lang", ["de", "es"])
def test_brief_of_a_text_in_another_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    """Issue 18: the CLI briefs the written article in its language, actors named in English."""
    from tests.lang.articles import ARTICLES

    written = ARTICLES[lang]
    target = tmp_path / f"{lang}.txt"
    target.write_text(f"{written.title}\n\n{written.text}", encoding="utf-8")
    code = main(["brief", str(target), "--no-cache", "--json", "-n", "3"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0 and data["language"] == lang
    assert len(data["summary"]) == 3 and all(s[:12] in written.text for s in data["summary"])
    found = {a["country_code"] for a in data["actors"] if a["type"] == "state"}
    assert written.states <= found
    people = {a["name"] for a in data["actors"] if a["type"] == "person"}
    assert set(written.people) <= people
