"""The `helpdesk` command."""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from helpdesk.errors import HelpdeskError


def _app(**overrides: Any) -> Any:
    from helpdesk import create_app

    try:
        return create_app(overrides or None)
    except HelpdeskError as exc:
        raise click.ClickException(exc.message) from None


def _data_dir_option(func: Any) -> Any:
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        help="Where the database, the search index and the secret key live "
        "(default: $HELPDESK_DATA_DIR or ./instance).",
    )(func)


def _use_data_dir(data_dir: Path | None) -> None:
    if data_dir is not None:
        os.environ["HELPDESK_DATA_DIR"] = str(data_dir.resolve())


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Cyber-volunteer consultation helpdesk."""


def main(args: list[str] | None = None, prog_name: str = "helpdesk") -> None:
    """Run the command; bad input ends with one line on stderr, no traceback."""
    try:
        cli.main(args=args, prog_name=prog_name, standalone_mode=False)
    except click.ClickException as exc:
        click.echo(f"{prog_name}: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code or 1)
    except click.Abort:
        click.echo(f"{prog_name}: aborted", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001  (a person reads this, not a debugger)
        click.echo(f"{prog_name}: {type(exc).__name__}: {exc}", err=True)
        sys.exit(1)


@cli.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--threads",
    default=200,
    show_default=True,
    type=click.IntRange(4, 2000),
    help="Worker threads; each live chat connection holds one.",
)
@_data_dir_option
def serve(host: str, port: int, threads: int, data_dir: Path | None) -> None:
    """Run the web server (SQLite and the search index in the data dir by default)."""
    _use_data_dir(data_dir)
    from helpdesk.server import run

    try:
        run(host=host, port=port, threads=threads)
    except HelpdeskError as exc:
        raise click.ClickException(exc.message) from None


@cli.group()
def users() -> None:
    """Manage staff accounts."""


@users.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option(
    "--role", required=True, type=click.Choice(["volunteer", "moderator", "admin"])
)
@click.option(
    "--languages", default="kk,ru", show_default=True, help="Comma-separated: kk,ru,en."
)
@click.option(
    "--level",
    default="volunteer",
    show_default=True,
    type=click.Choice(["trainee", "volunteer", "senior"]),
)
@click.option(
    "--max-chats",
    type=int,
    default=None,
    help="Concurrent conversations (default by level: 1, 3, 5).",
)
@click.option(
    "--password-stdin", is_flag=True, help="Read the password from standard input."
)
@_data_dir_option
def users_create(
    email: str,
    name: str,
    role: str,
    languages: str,
    level: str,
    max_chats: int | None,
    password_stdin: bool,
    data_dir: Path | None,
) -> None:
    """Create an approved staff account."""
    _use_data_dir(data_dir)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password: ")
        if getpass.getpass("Repeat: ") != password:
            raise click.ClickException("the passwords differ")
    app = _app(IMPORT_STARTER_KB=False)
    from helpdesk.db import write_session
    from helpdesk.services.users import create_user

    with app.app_context():
        try:
            with write_session(app.extensions["helpdesk"].engine) as session:
                user = create_user(
                    session=session,
                    email=email,
                    name=name,
                    role=role,
                    password=password,
                    languages=languages,
                    level=level,
                    max_chats=max_chats,
                )
                click.echo(f"created {user.role} {user.email} (id {user.id})")
        except HelpdeskError as exc:
            raise click.ClickException(exc.message) from None


@cli.group()
def kb() -> None:
    """Manage the knowledge base."""


@kb.command("import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@_data_dir_option
def kb_import(path: Path, data_dir: Path | None) -> None:
    """Import articles from a JSON Lines file or a folder of Markdown files."""
    _use_data_dir(data_dir)
    from knowledge_base import load_articles

    docs, problems = load_articles(path)
    for problem in problems:
        where = f"line {problem.line}: " if problem.line else ""
        click.echo(f"skipped {where}{problem.message}", err=True)
    app = _app()
    from helpdesk.db import write_session
    from helpdesk.services import articles

    with app.app_context(), write_session(app.extensions["helpdesk"].engine) as session:
        created, updated = articles.import_docs(
            session=session, index=app.extensions["helpdesk"].index, docs=docs
        )
    if len(docs) >= 1000:
        # a big import leaves many index segments: merge them for fast queries
        app.extensions["helpdesk"].index.optimize()
    click.echo(f"created {created}, updated {updated}, skipped {len(problems)}")


@kb.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@_data_dir_option
def kb_export(path: Path, data_dir: Path | None) -> None:
    """Write every article as JSON Lines."""
    _use_data_dir(data_dir)
    app = _app()
    from sqlmodel import select

    from helpdesk.db import read_session
    from helpdesk.models import Article
    from helpdesk.services import articles

    with read_session(app.extensions["helpdesk"].engine) as session:
        rows = session.exec(select(Article).order_by(Article.slug)).all()  # type: ignore[arg-type]
        lines = [json.dumps(articles.to_record(a), ensure_ascii=False) for a in rows]
    try:
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    except OSError as exc:
        raise click.ClickException(f"cannot write {path}: {exc.strerror}") from None
    click.echo(f"exported {len(lines)} articles to {path}")


@kb.command("reindex")
@_data_dir_option
def kb_reindex(data_dir: Path | None) -> None:
    """Rebuild the search index from the database."""
    _use_data_dir(data_dir)
    app = _app()
    from helpdesk.db import read_session
    from helpdesk.services import articles

    with read_session(app.extensions["helpdesk"].engine) as session:
        count = articles.reindex(
            session=session, index=app.extensions["helpdesk"].index
        )
    click.echo(f"indexed {count} articles")


@kb.command("search")
@click.argument("query")
@click.option("--lang", type=click.Choice(["kk", "ru", "en"]), default=None)
@click.option("--limit", type=click.IntRange(1, 50), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON.")
@_data_dir_option
def kb_search(
    query: str, lang: str | None, limit: int, as_json: bool, data_dir: Path | None
) -> None:
    """Search the knowledge base like the API does."""
    _use_data_dir(data_dir)
    app = _app()
    from helpdesk.services import articles

    with app.test_request_context():
        try:
            q, lang, limit = articles.parse_search_args(query, lang, limit)
        except HelpdeskError as exc:
            raise click.ClickException(exc.message) from None
        result = articles.search(
            index=app.extensions["helpdesk"].index, q=q, lang=lang, limit=limit
        )
        from flask import url_for

        payload = articles.search_payload(
            result, lambda slug: url_for("kb.article", slug=slug)
        )
    if as_json:
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not result.hits:
        click.echo("nothing found")
    for hit in result.hits:
        click.echo(f"{hit.score:7.2f}  [{hit.lang}] {hit.slug}  {hit.title}")
    if result.suggestion:
        click.echo(f"did you mean: {result.suggestion}")


if __name__ == "__main__":  # pragma: no cover
    main()
