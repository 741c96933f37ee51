"""The API's cache of recent search answers: pure logic, a fake clock, no graph."""

from __future__ import annotations

from analysis.models import SearchKind, SearchMode, SearchResponse, StatusFilter
from analysis.search import ResultCache, SearchFilters, SearchParams


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def answer(query: str) -> SearchResponse:
    return SearchResponse(
        query=query,
        mode=SearchMode.hybrid,
        kind=SearchKind.any,
        status=StatusFilter.current,
        results=[],
        took_ms=80.0,
        embed_ms=5.0,
    )


def test_a_repeated_search_is_answered_from_the_cache_and_says_so() -> None:
    cache = ResultCache(size=4, ttl=30, clock=FakeClock())
    params = SearchParams(query="smart city")
    assert cache.get(params) is None
    cache.put(params, answer("smart city"))
    hit = cache.get(SearchParams(query="smart city"))
    assert hit is not None and hit.cached and hit.query == "smart city"
    assert hit.embed_ms == 0.0 and hit.took_ms < 80.0


def test_different_parameters_are_different_entries() -> None:
    cache = ResultCache(size=4, ttl=30, clock=FakeClock())
    cache.put(SearchParams(query="water"), answer("water"))
    assert cache.get(SearchParams(query="water", k=20)) is None
    assert cache.get(SearchParams(query="water", mode=SearchMode.lexical)) is None
    assert cache.get(SearchParams(query="water", filters=SearchFilters(publisher="ISO"))) is None


def test_answers_expire_after_the_ttl() -> None:
    clock = FakeClock()
    cache = ResultCache(size=4, ttl=30, clock=clock)
    cache.put(SearchParams(query="water"), answer("water"))
    clock.now = 29.0
    assert cache.get(SearchParams(query="water")) is not None
    clock.now = 31.0
    assert cache.get(SearchParams(query="water")) is None
    assert len(cache) == 0


def test_the_least_recently_used_answer_is_dropped_first() -> None:
    cache = ResultCache(size=2, ttl=30, clock=FakeClock())
    for query in ("a", "b"):
        cache.put(SearchParams(query=query), answer(query))
    assert cache.get(SearchParams(query="a")) is not None  # "b" is now the oldest
    cache.put(SearchParams(query="c"), answer("c"))
    assert cache.get(SearchParams(query="b")) is None
    assert cache.get(SearchParams(query="a")) is not None
    assert cache.get(SearchParams(query="c")) is not None


def test_size_zero_turns_the_cache_off_and_clear_empties_it() -> None:
    off = ResultCache(size=0, ttl=30, clock=FakeClock())
    off.put(SearchParams(query="a"), answer("a"))
    assert off.get(SearchParams(query="a")) is None
    cache = ResultCache(size=4, ttl=30, clock=FakeClock())
    cache.put(SearchParams(query="a"), answer("a"))
    cache.clear()
    assert cache.get(SearchParams(query="a")) is None
