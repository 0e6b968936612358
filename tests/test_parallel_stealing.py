"""worth_taking (whether an idle worker takes another family's chunk) against a direct simulation."""
from __future__ import annotations

import itertools

from clientcomm.parallel import worth_taking


def _finish(in_flight: int, queued: int, chunk: float, owners: int, warm: float, take: bool) -> float:
    """When the last chunk is done, chunks dealt one by one to the earliest free worker.

    The owners' in-flight chunks count as half of one done (as worth_taking assumes): the
    owners' work left is ``(queued + in_flight - 0.5) * chunk``, spread evenly over them; the
    idle worker, when it takes a chunk, first spends ``warm`` loading the family's data.
    """
    left = queued - (1 if take else 0)
    owners_end = (left + max(in_flight - 0.5, 0.0)) * chunk / owners
    idle_end = warm + chunk if take else 0.0
    return max(owners_end, idle_end)


def test_worth_taking_agrees_with_the_finish_times() -> None:
    for queued, in_flight, owners in itertools.product(range(1, 9), range(0, 3), (1, 2)):
        for chunk, warm in itertools.product((0.1, 0.25, 0.5), (0.05, 0.3, 0.8)):
            take = _finish(in_flight, queued, chunk, owners, warm, True)
            leave = _finish(in_flight, queued, chunk, owners, warm, False)
            if abs(take - leave) < 1e-9:
                continue  # a tie: either answer is right
            assert worth_taking(queued, in_flight, owners, chunk, warm) == (take < leave), \
                (queued, in_flight, owners, chunk, warm)


def test_unknown_costs_take_the_chunk() -> None:
    assert worth_taking(1, 2, 1, None, 0.3)
    assert worth_taking(1, 2, 1, 0.2, None)
    assert worth_taking(1, 2, 0, 0.2, 0.3)  # no worker has the family loaded: someone must take it
