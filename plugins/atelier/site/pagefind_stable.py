"""Make a Pagefind bundle the same, byte for byte, from one build of the same sources to the next.

Pagefind 1.x gathers the filters in hash maps (Rust's, seeded at random in every run) and
writes them in that order: the values inside each `filter/*.pf_filter`, and the list of
filters in `pagefind.*.pf_meta`. Their contents, so their hashed names, so the name of the
meta file in `pagefind-entry.json`, change with every build although nothing else did (the
word index and the fragments are already stable: pages are numbered in path order).

This module puts those lists in a fixed order (filters and sorts by name, a filter's values
by value) and renames the files after their new contents, as Pagefind names them: the
language, then the start of the SHA-1 of the uncompressed file. The files are CBOR behind
Pagefind's `pagefind_dcd` signature, gzipped; only the CBOR that Pagefind writes (integers,
strings and arrays, in their shortest form) is read, and a file that would not be written
back exactly as read is refused rather than changed.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

SIGNATURE = b"pagefind_dcd"
FILTER_HASH_LENGTH = 7  # "fr_1475427"
META_HASH_LENGTH = 10  # "fr_b89c64288f"

Item = int | str | bytes | list["Item"]
T = TypeVar("T")


class UnstableBundle(RuntimeError):
    """The bundle is not in the form this module knows (a new Pagefind version, say)."""


# -- a CBOR subset: unsigned integers, byte and text strings, arrays (RFC 8949, definite) ------


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise UnstableBundle(f"integer too large for CBOR: {value}")


def encode(item: Item) -> bytes:
    """`item` in CBOR, every head in its shortest form (as minicbor writes it)."""
    if isinstance(item, bool) or not isinstance(item, (int, str, bytes, list)):
        raise UnstableBundle(f"cannot encode {type(item).__name__}")
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        data = item.encode("utf-8")
        return _head(3, len(data)) + data
    return _head(4, len(item)) + b"".join(encode(part) for part in item)


def decode(data: bytes) -> Item:
    """The one CBOR item that is the whole of `data`."""
    item, end = _decode(data, 0)
    if end != len(data):
        raise UnstableBundle(f"{len(data) - end} bytes after the CBOR item")
    return item


def _decode(data: bytes, at: int) -> tuple[Item, int]:
    if at >= len(data):
        raise UnstableBundle("CBOR item cut short")
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        value = info
    elif info <= 27:
        size = 1 << (info - 24)
        if at + size > len(data):
            raise UnstableBundle("CBOR item cut short")
        value = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise UnstableBundle(f"unsupported CBOR head {data[at - 1]:#04x}")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        chunk = data[at : at + value]
        if len(chunk) != value:
            raise UnstableBundle("CBOR string cut short")
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), at + value
    if major == 4:
        items: list[Item] = []
        for _ in range(value):
            part, at = _decode(data, at)
            items.append(part)
        return items, at
    raise UnstableBundle(f"unsupported CBOR major type {major}")


# -- Pagefind's files ----------------------------------------------------------------------------


def read(path: Path) -> Item:
    """A Pagefind data file: gzipped, the signature, then one CBOR item written as we would."""
    raw = path.read_bytes()
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    if not data.startswith(SIGNATURE):
        raise UnstableBundle(f"{path.name}: no Pagefind signature")
    body = data[len(SIGNATURE) :]
    item = decode(body)
    if encode(item) != body:
        raise UnstableBundle(f"{path.name}: not in the shortest CBOR form")
    return item


def read_json(path: Path) -> dict[str, object]:
    """A Pagefind fragment: gzipped, the signature, then a JSON object."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise UnstableBundle(f"{path.name}: no Pagefind signature")
    found = json.loads(data[len(SIGNATURE) :])
    if not isinstance(found, dict):
        raise UnstableBundle(f"{path.name}: not a JSON object")
    return found


def write(folder: Path, prefix: str, suffix: str, item: Item, taken: set[str]) -> str:
    """Write `item` as `{prefix}{hash}{suffix}` in `folder`; return `{prefix}{hash}`.

    The hash is the start of the SHA-1 of the uncompressed file, longer when that start is
    `taken` already (as Pagefind does); the gzip header carries no time or name.
    """
    data = SIGNATURE + encode(item)
    length = FILTER_HASH_LENGTH
    name = _hashed(prefix, data, length)
    while name in taken and length < 40:
        length += 1
        name = _hashed(prefix, data, length)
    taken.add(name)
    (folder / f"{name}{suffix}").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
    return name


def _hashed(language_prefix: str, data: bytes, length: int) -> str:
    return language_prefix + hashlib.sha1(data, usedforsecurity=False).hexdigest()[:length]


def _as_list(item: Item, what: str) -> list[Item]:
    if not isinstance(item, list):
        raise UnstableBundle(f"{what}: an array was expected")
    return item


def _key(item: Item) -> str:
    """The sort key of a [name, …] entry: its name."""
    entry = _as_list(item, "entry")
    if not entry or not isinstance(entry[0], str):
        raise UnstableBundle("entry without a name")
    return entry[0]


def stabilise(bundle: Path) -> None:
    """Rewrite the filters and the meta file of the Pagefind bundle at `bundle` in a fixed order.

    Filter values sorted by value, filters and sorts by name; files renamed after their new
    contents and `pagefind-entry.json` updated. Unknown layouts raise UnstableBundle.
    """
    _rewrite_metas(bundle, functools.partial(_stabilise_language, bundle))


def rewrite_meta(bundle: Path, change: Callable[[list[Item]], T]) -> T:
    """Apply `change` to the meta file of the bundle's one language, then write it under its
    new name (`pagefind-entry.json` updated), as `stabilise` does; what `change` returned."""
    [result] = _rewrite_metas(bundle, lambda _hash, meta: change(meta), languages=1)
    return result


def _rewrite_metas(
    bundle: Path, change: Callable[[str, list[Item]], T], languages: int | None = None
) -> list[T]:
    """For each language of the bundle (`languages` of them, if given): apply `change` to its
    meta file (given with its hash, "fr_b89c64288f"), write the file under the name of its new
    contents, and name that in `pagefind-entry.json`. What `change` returned, in order."""
    entry_path = bundle / "pagefind-entry.json"
    text = entry_path.read_text(encoding="utf-8")
    listed = list(json.loads(text).get("languages", {}).values())
    if languages is not None and len(listed) != languages:
        raise UnstableBundle(f"pagefind-entry.json: {len(listed)} languages, expected {languages}")
    results = []
    for language in listed:
        old_hash = str(language["hash"])
        meta_path = bundle / f"pagefind.{old_hash}.pf_meta"
        meta = _as_list(read(meta_path), meta_path.name)
        results.append(change(old_hash, meta))
        data = SIGNATURE + encode(meta)
        new_hash = _hashed(_prefix(old_hash), data, META_HASH_LENGTH)
        meta_path.unlink()
        (bundle / f"pagefind.{new_hash}.pf_meta").write_bytes(
            gzip.compress(data, compresslevel=9, mtime=0)
        )
        if new_hash != old_hash:
            quoted = json.dumps(old_hash)
            if text.count(quoted) != 1:
                raise UnstableBundle(f"pagefind-entry.json: {old_hash} is not named once")
            text = text.replace(quoted, json.dumps(new_hash))
    entry_path.write_text(text, encoding="utf-8")
    return results


def _prefix(meta_hash: str) -> str:
    """The language part of a file's hash: "fr_" of "fr_b89c64288f"."""
    return meta_hash.split("_", 1)[0] + "_" if "_" in meta_hash else ""


def _stabilise_language(bundle: Path, meta_hash: str, meta: list[Item]) -> None:
    """Stabilise one language's filters, and its meta file in place (written by the caller)."""
    prefix = _prefix(meta_hash)
    # [version, pages, index chunks, filters [[name, hash]], sorts [[name, pages]], …]
    if len(meta) < 4:
        raise UnstableBundle(
            f"pagefind.{meta_hash}.pf_meta: {len(meta)} fields, expected at least 4"
        )
    filter_folder = bundle / "filter"
    filters = sorted(_as_list(meta[3], "filters"), key=_key)
    rewritten: list[tuple[list[Item], list[Item]]] = []
    for item in filters:
        pair = _as_list(item, "filter entry")
        if len(pair) != 2 or not isinstance(pair[1], str):
            raise UnstableBundle("filter entry: expected [name, hash]")
        path = filter_folder / f"{pair[1]}.pf_filter"
        contents = _as_list(read(path), path.name)  # [name, [[value, pages], …]]
        if len(contents) != 2:
            raise UnstableBundle(f"{path.name}: expected [name, values]")
        contents[1] = sorted(_as_list(contents[1], "filter values"), key=_key)
        path.unlink()
        rewritten.append((pair, contents))
    taken: set[str] = set()
    for pair, contents in rewritten:  # in name order: a longer hash goes to the same filter
        pair[1] = write(filter_folder, prefix, ".pf_filter", contents, taken)
    meta[3] = filters
    if len(meta) > 4 and isinstance(meta[4], list):
        meta[4] = sorted(meta[4], key=_key)
