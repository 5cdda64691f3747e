"""Fixtures shared by the test modules."""

from __future__ import annotations

import pytest

from quotes.model import Document
from quotes.pipeline import extract_document


@pytest.fixture(scope="session")
def warm_model() -> None:
    """Load the extractor's model once for the whole session, not once per test: the CLI
    tests run `extract` in this process, each of them would pay the loading."""
    extract_document(Document("warm-up", "Il a dit : « Bonjour. »"))
