"""The Alembic migrations build exactly the schema the models describe, on SQLite and PostgreSQL."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from tests.conftest import CHECKOUT_TAG, drop_pg_database, migrate, pg_available, recreate_pg_database


def _not_search_index(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text index is per dialect and has no model (migration 0201): the FTS5 table and its
    shadow tables on SQLite, the generated tsvector column and its GIN index on PostgreSQL."""
    if type_ == "table" and name and name.startswith("searchdoc_fts"):
        return False
    return not (type_ in ("column", "index") and name in ("search_tsv", "ix_searchdoc_tsv"))


def _assert_matches_models(url: str) -> None:
    engine = create_engine(url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": _not_search_index})
        diff = compare_metadata(context, SQLModel.metadata)
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert set(SQLModel.metadata.tables) <= tables
    assert diff == [], f"models and migrations differ: {diff}"


def test_sqlite_migrations_match_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'm.db'}"
    migrate(url)
    _assert_matches_models(url)


def test_postgres_migrations_match_models():
    reason = pg_available()
    if reason:
        pytest.skip(reason)
    name = f"mrko_migration_{CHECKOUT_TAG}"
    url = recreate_pg_database(name)
    try:
        migrate(url)
        _assert_matches_models(url)
    finally:
        drop_pg_database(name)
