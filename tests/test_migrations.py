"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from helpdesk import models  # noqa: F401  (registers the tables)
from helpdesk.db import make_engine, upgrade_database


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'm.sqlite3'}"
    return request.getfixturevalue("pg_url")


def test_upgrading_an_empty_database_matches_the_models(database_url):
    upgrade_database(database_url)
    upgrade_database(database_url)  # a second start finds nothing to do
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn)
            diff = compare_metadata(context, SQLModel.metadata)
            assert context.get_current_revision() is not None
    finally:
        engine.dispose()
    assert diff == [], "the models changed without a migration: " + repr(diff[:5])
