"""Fixtures shared by the service tests (the database ones are in tests/conftest.py)."""

import pytest

from mrko_app.services.changes import memo
from tests.services import diary_school


@pytest.fixture
def heard():
    """As in a worker whose lifespan task listens to the change channel (bus.listen says so): what the
    worker remembers is trusted."""
    memo.hearing(True)
    yield
    memo.hearing(False)


@pytest.fixture
def diary_world(db):
    """The diary school of tests/services/diary_school.py."""
    return diary_school.build(db)
