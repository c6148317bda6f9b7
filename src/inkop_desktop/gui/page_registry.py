"""The main window's views by name: a page is built the first time it is asked for."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget

PageFactory = Callable[[], QWidget]


class Pages(Mapping[str, QWidget]):
    """Every view in navigation order; ``pages[name]`` builds the page once, ``built`` never."""

    def __init__(self, on_built: Callable[[str, QWidget], None]) -> None:
        self._factories: dict[str, PageFactory] = {}
        self._built: dict[str, QWidget] = {}
        self._on_built = on_built
        self.ready = True
        """False while the pages cannot be made yet (the database is being opened)."""

    def register(self, name: str, factory: PageFactory) -> None:
        """Add the view *name*; *factory* makes its page when it is first needed."""
        self._factories[name] = factory

    def __getitem__(self, name: str) -> QWidget:
        """The page *name*, built now if it was not yet (KeyError for an unknown view)."""
        page = self._built.get(name)
        if page is None:
            page = self._factories[name]()
            self._built[name] = page
            self._on_built(name, page)
        return page

    def __iter__(self) -> Iterator[str]:
        """The views' names in navigation order."""
        return iter(self._factories)

    def __len__(self) -> int:
        """How many views there are."""
        return len(self._factories)

    def __contains__(self, name: object) -> bool:
        """True for a registered view (built or not)."""
        return name in self._factories

    def put(self, name: str, page: QWidget) -> None:
        """Take *page*, made already, as the page of the view *name* (not yet built)."""
        if name not in self._factories or name in self._built:
            raise KeyError(name)
        self._built[name] = page
        self._on_built(name, page)

    def built(self, name: str) -> QWidget | None:
        """The page *name* if it has been built; never builds it."""
        return self._built.get(name)

    def built_pages(self) -> list[QWidget]:
        """The pages built so far."""
        return list(self._built.values())

    def index(self, name: str) -> int:
        """The view's row in the navigation."""
        return list(self._factories).index(name)

    def name_at(self, row: int) -> str | None:
        """The view at navigation *row* (None outside)."""
        names = list(self._factories)
        return names[row] if 0 <= row < len(names) else None
