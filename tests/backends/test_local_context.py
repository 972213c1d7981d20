"""The embedded model's context size: the library's default, or GRADER_CONTEXT_TOKENS."""

from __future__ import annotations

import pytest

from grader.backends.local import DEFAULT_CONTEXT_TOKENS, context_from_env
from grader.errors import ConfigError


def test_default_holds_a_long_interview_in_one_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GRADER_CONTEXT_TOKENS", raising=False)
    assert context_from_env() == DEFAULT_CONTEXT_TOKENS == 16_384


def test_the_environment_sets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRADER_CONTEXT_TOKENS", "32768")
    assert context_from_env() == 32_768


@pytest.mark.parametrize("raw", ["lots", "1000", "-5", "16k"])
def test_a_bad_value_is_refused_with_the_fix(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("GRADER_CONTEXT_TOKENS", raw)
    with pytest.raises(ConfigError) as exc:
        context_from_env()
    assert "GRADER_CONTEXT_TOKENS" in str(exc.value) and "2048" in (exc.value.hint or "")
