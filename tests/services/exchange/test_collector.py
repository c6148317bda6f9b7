"""The cycle collector pauses while imports run and runs again after the last one."""

from __future__ import annotations

import gc

import pytest

from inkop_desktop.services.exchange import collector


def test_the_collector_runs_again_after_nested_and_failed_imports() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        with pytest.raises(RuntimeError), collector.paused():
            raise RuntimeError("importen avbröts")
        assert not gc.isenabled()  # the outer import still runs
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
