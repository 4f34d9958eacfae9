"""Rows read a page at a time, for the lazy models: only the pages in use stay in memory."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


class PageCache(Generic[T]):
    """The most recently used pages of rows; a missing page is read by ``read(offset, limit)``."""

    def __init__(self, read: Callable[[int, int], list[T]], page_size: int, max_pages: int) -> None:
        self._read = read
        self.page_size = page_size
        self._max_pages = max_pages
        self._pages: OrderedDict[int, list[T]] = OrderedDict()

    def row(self, row: int) -> T | None:
        """Row ``row`` (reading its page when needed), or None past the end of its page."""
        page = self.page(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def page(self, number: int) -> list[T]:
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        page = self._read(number * self.page_size, self.page_size)
        self.put(number, page)
        return page

    def put(self, number: int, page: list[T]) -> None:
        self._pages[number] = page
        self._pages.move_to_end(number)
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)

    def cached(self, number: int) -> list[T] | None:
        """Page ``number`` if it is in memory; nothing is read or reordered."""
        return self._pages.get(number)

    def rows(self) -> Iterator[tuple[int, T]]:
        """(row, item) of every row in memory."""
        for number, page in self._pages.items():
            for i, item in enumerate(page):
                yield number * self.page_size + i, item

    def clear(self) -> None:
        self._pages.clear()
