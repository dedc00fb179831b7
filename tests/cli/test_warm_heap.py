"""The warm worker's C heap: every free chunk taken before forking, so games malloc from fresh pages."""

from __future__ import annotations

import subprocess
import sys

import pytest

# Free chunks are made by freeing every other of many >512-byte objects (Python hands those to malloc);
# what glibc then holds free outside the top of its heap is fordblks - keepcost.
PROBE = """
import ctypes
from game.commands.warm_heap import _MallInfo2, take_free_chunks

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = _MallInfo2
def scattered():
    info = libc.mallinfo2()
    return info.fordblks - info.keepcost
blocks = [bytes(700 + i % 900) for i in range(4000)]
del blocks[::2]
before = scattered()
taken = take_free_chunks()
print(before, taken, scattered())
"""


def _glibc() -> bool:
    import ctypes

    try:
        ctypes.CDLL(None).mallinfo2  # noqa: B018 - the lookup is the check
    except (OSError, AttributeError):
        return False
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux") or not _glibc(), reason="glibc 2.33+ only")
def test_every_scattered_free_chunk_is_taken() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True).stdout
    before, taken, after = (int(word) for word in out.split())
    assert before > 500_000  # the probe really made holes
    assert taken >= before // 2
    assert after < 4096  # what is left is fastbin crumbs below the smallest size sought
