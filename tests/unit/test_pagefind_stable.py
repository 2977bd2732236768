"""The CBOR subset that reads and rewrites Pagefind's filter and meta files."""

from __future__ import annotations

import pytest

from atelier.site.pagefind_stable import UnstableBundle, decode, encode


@pytest.mark.parametrize(
    "item",
    [0, 23, 24, 255, 256, 65536, 2**32, -1, -500, "", "é" * 30, b"\x00\x01", [], [1, ["a", [2]]]],
)
def test_cbor_round_trip(item: object) -> None:
    assert decode(encode(item)) == item  # type: ignore[arg-type]


def test_cbor_heads_are_the_shortest() -> None:
    assert encode(23) == b"\x17"
    assert encode(24) == b"\x18\x18"
    assert encode(["ab"]) == b"\x81\x62ab"


@pytest.mark.parametrize("data", [b"\xa0", b"\x9f\xff", b"\x81", b"\x01\x02", b"\xf5"])
def test_cbor_outside_the_subset_is_refused(data: bytes) -> None:
    with pytest.raises(UnstableBundle):
        decode(data)
