"""Fixtures for the conditions' tests."""

from __future__ import annotations

import pytest

from allylint.engine.nlp import get_pipeline


@pytest.fixture
def untagged() -> None:
    """Skip a test that describes the behaviour without a tagger (allylint's default)
    when a trained spaCy pipeline is installed."""
    if get_pipeline().tagged:
        pytest.skip("a trained spaCy pipeline is installed")
