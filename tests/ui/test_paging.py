"""The page cache behind the lazy models: pages read on demand, the least recently used dropped."""

from __future__ import annotations

from crm_desktop.ui.paging import PageCache


def test_rows_are_read_a_page_at_a_time_and_old_pages_dropped():
    reads = []

    def read(offset: int, limit: int) -> list[int]:
        reads.append(offset)
        return list(range(offset, min(offset + limit, 25)))

    cache = PageCache(read, page_size=10, max_pages=2)
    assert [cache.row(r) for r in (0, 9, 10, 24)] == [0, 9, 10, 24]
    assert cache.row(29) is None  # past the end of the last, short page
    assert reads == [0, 10, 20]
    assert cache.cached(0) is None and cache.cached(1) == list(range(10, 20)) and cache.cached(2) is not None
    cache.row(15)  # page 1 is now the most recent: page 0, read next, pushes out page 2
    cache.row(3)
    assert reads == [0, 10, 20, 0]
    assert sorted(r for r, _ in cache.rows()) == list(range(20))
    cache.clear()
    assert list(cache.rows()) == []
