"""The `helpdesk` command as a person or a script runs it."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run(tmp_path, *args, input=None):
    env_dir = tmp_path / "data"
    return subprocess.run(
        [sys.executable, "-m", "helpdesk", *args, "--data-dir", str(env_dir)]
        if args and args[0] != "--help"
        else [sys.executable, "-m", "helpdesk", *args],
        capture_output=True,
        text=True,
        input=input,
        timeout=120,
        cwd=tmp_path,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["serve", "--help"],
        ["users", "create", "--help"],
        ["kb", "import", "--help"],
        ["kb", "search", "--help"],
    ],
)
def test_every_subcommand_has_help(tmp_path, args):
    r = subprocess.run(
        [sys.executable, "-m", "helpdesk", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert r.returncode == 0 and "Usage" in r.stdout


def test_users_create_then_duplicate_is_one_clear_line(tmp_path):
    args = (
        "users",
        "create",
        "--email",
        "a@example.org",
        "--name",
        "Әсел",
        "--role",
        "volunteer",
        "--languages",
        "kk,ru",
        "--level",
        "senior",
        "--password-stdin",
    )
    r = run(tmp_path, *args, input="long enough password\n")
    assert r.returncode == 0, r.stderr
    assert "a@example.org" in r.stdout
    r = run(tmp_path, *args, input="long enough password\n")
    assert r.returncode != 0
    assert r.stderr.strip().count("\n") == 0 and "already exists" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "extra, needle",
    [
        (("--role", "king"), "--role"),
        (("--role", "volunteer", "--languages", "de"), "languages"),
        (("--role", "volunteer", "--max-chats", "0"), "max chats"),
        (("--role", "volunteer", "--level", "guru"), "--level"),
    ],
)
def test_users_create_rejects_bad_input(tmp_path, extra, needle):
    r = run(
        tmp_path,
        "users",
        "create",
        "--email",
        "b@example.org",
        "--name",
        "B",
        *extra,
        "--password-stdin",
        input="long enough password\n",
    )
    assert r.returncode != 0
    assert needle in r.stderr and r.stderr.strip().count("\n") == 0


def test_kb_import_reports_bad_lines_and_imports_the_rest(tmp_path):
    path = tmp_path / "articles.jsonl"
    good = {
        "slug": "ru-test-spravka",
        "lang": "ru",
        "title": "Справка о несудимости",
        "body": "Откройте eGov и закажите справку о несудимости.",
        "category": "egov",
        "tags": ["справка"],
    }
    lines = [
        json.dumps(good, ensure_ascii=False),
        "{not json",
        json.dumps({**good, "slug": "x-de", "lang": "de"}),
        json.dumps(
            {k: v for k, v in good.items() if k != "title"} | {"slug": "no-title"}
        ),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    r = run(tmp_path, "kb", "import", str(path))
    assert r.returncode == 0, r.stderr
    assert "created 1" in r.stdout
    for line_no in (2, 3, 4):
        assert f"line {line_no}" in r.stderr
    r = run(tmp_path, "kb", "search", "справка несудимость", "--lang", "ru", "--json")
    assert r.returncode == 0, r.stderr
    slugs = [hit["slug"] for hit in json.loads(r.stdout)["results"]]
    assert "ru-test-spravka" in slugs
    out = tmp_path / "export.jsonl"
    r = run(tmp_path, "kb", "export", str(out))
    assert r.returncode == 0, r.stderr
    exported = [
        json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()
    ]
    mine = next(a for a in exported if a["slug"] == "ru-test-spravka")
    assert mine["title"] == good["title"] and mine["tags"] == ["справка"]
    assert {a["lang"] for a in exported} >= {
        "kk",
        "ru",
        "en",
    }  # the starter articles too
    r = run(tmp_path, "kb", "reindex")
    assert r.returncode == 0 and "indexed" in r.stdout


def test_kb_search_rejects_a_bad_limit(tmp_path):
    r = run(tmp_path, "kb", "search", "egov", "--limit", "zero")
    assert r.returncode != 0 and r.stderr.strip().count("\n") == 0
