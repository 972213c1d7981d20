from __future__ import annotations

from pathlib import Path

import pytest

from grader.backends.base import Usage
from grader.backends.pricing import (
    BATCH_API_DISCOUNT,
    FREE,
    Budget,
    CostEstimator,
    Price,
    PriceTable,
    load_prices,
)
from grader.errors import ConfigError


def test_cached_prompt_tokens_are_charged_at_the_cached_price() -> None:
    price = Price(input=2.0, cached_input=0.5, output=8.0)
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=100_000, cached_tokens=400_000)
    # 600k fresh at $2/M + 400k cached at $0.5/M + 100k out at $8/M
    assert price.cost(usage) == pytest.approx(1.2 + 0.2 + 0.8)
    assert price.cost(usage, BATCH_API_DISCOUNT) == pytest.approx(1.1)


def test_lookup_matches_dated_names_and_frees_local_models() -> None:
    table = PriceTable()
    assert table.lookup("openai", "gpt-4o-mini-2024-07-18") == table.lookup("openai", "gpt-4o-mini")
    assert table.lookup("openai", "gpt-4o-2024-08-06") == table.prices["gpt-4o"]
    assert table.lookup("local", "qwen") is FREE
    assert table.lookup("openai", "my-vllm-model") is None


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_user_prices_override_and_extend_the_table(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"prices{suffix}"
    if suffix == ".json":
        path.write_text(
            '{"gpt-4o-mini": {"input": 1, "output": 2}, "mine": {"input": 0.5, '
            '"cached_input": 0.1, "output": 1}}'
        )
    else:
        path.write_text(
            "models:\n  gpt-4o-mini: {input: 1, output: 2}\n"
            "  mine: {input: 0.5, cached_input: 0.1, output: 1}\n"
        )
    table = load_prices(path)
    assert table.lookup("openai", "gpt-4o-mini") == Price(1.0, 1.0, 2.0)
    assert table.lookup("openai", "mine") == Price(0.5, 0.1, 1.0)
    assert table.lookup("openai", "gpt-4o") == PriceTable().prices["gpt-4o"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[1, 2]", "expected a mapping"),
        ('{"m": {"input": 1}}', "needs 'input' and 'output'"),
        ('{"m": {"input": -1, "output": 1}}', "is not a price"),
        ('{"m": {"input": "cheap", "output": 1}}', "is not a price"),
        ("{not json", "not valid JSON or YAML"),
    ],
)
def test_bad_price_files_name_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "p.json"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message) as info:
        load_prices(path)
    assert str(path) in str(info.value)


def test_missing_price_file() -> None:
    with pytest.raises(ConfigError, match="cannot read the price file"):
        load_prices("/nonexistent/prices.json")


def test_budget_reserves_and_settles() -> None:
    budget = Budget(1.0)
    assert budget.try_reserve(0.6)
    assert not budget.try_reserve(0.5)  # 0.6 + 0.5 would pass 1.0
    budget.settle(0.6, 0.2)  # it cost less than reserved
    assert budget.spent == pytest.approx(0.2) and budget.reserved == 0
    assert budget.try_reserve(0.5)
    assert Budget(None).try_reserve(1e9)


def test_estimator_starts_high_and_learns_from_real_usage() -> None:
    estimator = CostEstimator(Price(1.0, 1.0, 1.0), max_tokens=700, overhead=1500)
    first = estimator.estimate(2000, 6, 6)
    assert first == pytest.approx(6 * (2000 + 1500 + 700) / 1e6)
    for _ in range(CostEstimator.WARMUP):
        estimator.learn(2000, Usage(prompt_tokens=6 * 2600, completion_tokens=6 * 80, calls=6), 6)
    learned = estimator.estimate(2000, 6, 6)
    assert learned < first
    # Still above what such a transcript really costs.
    assert learned > 6 * (2600 + 80) / 1e6
