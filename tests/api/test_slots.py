"""FairSlots: at most ``size`` holders, waiters served in arrival order (pure logic, threads)."""

from __future__ import annotations

import threading
import time

import pytest

from api.slots import FairSlots


def wait_until(condition, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.001)


def test_slots_are_taken_without_waiting_while_free() -> None:
    slots = FairSlots(2)
    slots.acquire()
    slots.acquire()
    assert slots.free == 0
    slots.release()
    slots.release()
    assert slots.free == 2


def test_waiters_get_the_slot_in_arrival_order_even_when_a_newcomer_arrives() -> None:
    slots = FairSlots(1)
    slots.acquire()
    order: list[str] = []

    def waiter(name: str) -> None:
        with slots:
            order.append(name)

    threads = []
    for index, name in enumerate(("first", "second", "third")):
        thread = threading.Thread(target=waiter, args=(name,))
        thread.start()
        threads.append(thread)
        wait_until(lambda count=index + 1: slots.waiting == count)
    slots.release()  # handed to "first" directly: a newcomer cannot take it in between
    newcomer = threading.Thread(target=waiter, args=("newcomer",))
    newcomer.start()
    for thread in [*threads, newcomer]:
        thread.join(timeout=5)
    assert order == ["first", "second", "third", "newcomer"]
    assert slots.free == 1


def test_never_more_holders_than_slots() -> None:
    slots = FairSlots(3)
    lock = threading.Lock()
    holding = 0
    most = 0

    def work() -> None:
        nonlocal holding, most
        with slots:
            with lock:
                holding += 1
                most = max(most, holding)
            time.sleep(0.002)
            with lock:
                holding -= 1

    threads = [threading.Thread(target=work) for _ in range(24)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert most == 3
    assert slots.free == 3 and slots.waiting == 0


def test_a_holder_that_fails_gives_its_slot_back() -> None:
    slots = FairSlots(1)
    with pytest.raises(ValueError), slots:
        raise ValueError("search failed")
    assert slots.free == 1


def test_bad_sizes_and_extra_releases_are_errors() -> None:
    with pytest.raises(ValueError, match="at least one slot"):
        FairSlots(0)
    slots = FairSlots(1)
    with pytest.raises(RuntimeError, match="released more"):
        slots.release()
