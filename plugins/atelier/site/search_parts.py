"""A large site's search index in parts: Pagefind run once a part, the parts merged by the
search page (Pagefind's `mergeIndex`).

Pagefind holds every page's words until it writes its index: some 50 bytes of memory for each
character of a record, 2.7 GB at 10,000 sheets, growing with the site. So the records are cut
into parts of at most `part_size()` characters (~0.7 GB of Pagefind's memory), newest
sheets first, and Pagefind runs once a part, one run after the other. Three things make the
merged parts answer as one index would:

- Every part knows every word of the site. Pagefind answers a word it does not know with the
  longest known word that begins it (« monopolisaient » → « mon »), and leaves a word found
  nowhere out of a search of several. One index knows every word; a part knows its own sheets'
  words only. So each part gets one more page, of the words only the other parts hold
  (`vocabularies`); the search page skips that page (`tidy` finds it).
- Page ids are unique across the parts: Pagefind names a page after the start of its
  content's hash, unique within a run only; a repeated id is lengthened (`tidy`).
- A search by facets alone lists the newest sheets first: the order of the whole site is
  written once (`tidy`'s order, from each run's date sort), and the date sorts are taken out of
  the parts' meta files, which every first search downloads.

Each part's word index is cut into smaller chunks (Pagefind's chunk size over the number of
parts), so a first search downloads about what one index would: each part's chunk for the
word, each of 1/n the size.
"""

from __future__ import annotations

import functools
import os
import re
import string
from html import unescape
from pathlib import Path

from atelier.site.pagefind_stable import Item, UnstableBundle, rewrite_meta
from atelier.site.search_record import Record

# Characters of records a Pagefind run indexes: ~0.7 GB of its memory (measured: 676 MB for
# 12 M characters of generated French sheets), well under `make bench`'s 1 GB.
PART_SIZE = 12_000_000
# Pagefind's own number of word positions in an index chunk (its default).
CHUNK_SIZE = 20_000
VOCABULARY = "words.html"  # the file of a part's page of words (not a record's address)
SORT = "date"  # the records' sort key (search_record.py)

_TAG = re.compile(r"<[^>]*>")
_EDGES = string.punctuation + "«»“”‘’…–—"


def part_size() -> int:
    """Characters of records a Pagefind run indexes: $ATELIER_SEARCH_PART, else PART_SIZE."""
    value = os.environ.get("ATELIER_SEARCH_PART", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else PART_SIZE


def parts(records: list[Record], size: int) -> list[list[Record]]:
    """The records, newest first, cut into parts of about equal length, each under `size`
    characters of HTML (but a record longer than that is a part of its own)."""
    ordered = sorted(records, key=lambda item: item.url)
    ordered.sort(key=lambda item: item.date, reverse=True)
    total = sum(len(item.html) for item in ordered)
    share = total / max(1, -(-total // max(size, 1)))  # the total over as few parts as fit
    cut: list[list[Record]] = [[]]
    length = done = 0  # of the current part, of all the parts
    for item in ordered:
        n = len(item.html)
        # A new part where the record's middle passes the next share, or the part would be long.
        if cut[-1] and (done + n / 2 > share * len(cut) or length + n > size):
            cut.append([])
            length = 0
        cut[-1].append(item)
        length += n
        done += n
    return cut


def words(records: list[Record]) -> set[str]:
    """The words of some records' text, as Pagefind's reader meets them: lower case, split
    at white space, without the punctuation around (Pagefind splits them further)."""
    found: set[str] = set()
    for item in records:  # one record at a time: the text of all of them is large
        found.update(unescape(_TAG.sub(" ", item.html)).lower().split())
    return {word.strip(_EDGES) for word in found} - {""}


def vocabularies(cut: list[list[Record]]) -> list[list[str]]:
    """For each part, the words of the site that its records lack, in order."""
    held = [words(part) for part in cut]
    every = set().union(*held)
    return [sorted(every - own) for own in held]


def vocabulary_page(words: list[str], lang: str) -> str:
    """The HTML of a part's page of words (no filter, no sort key: never a listed result)."""
    text = " ".join(words).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<html lang="{lang}"><body><main data-pagefind-body><p>{text}</p></main></body></html>'


def tidy(bundles: list[Path], *, with_words: bool) -> tuple[list[str], list[str]]:
    """Make the parts' bundles one index: ids unique across parts, date sorts out of the meta
    files. Returns the ids of the site's pages newest first, and the ids of the parts' pages
    of words (`with_words`: a part may have one, its one page without a date)."""
    order: list[str] = []
    skip: list[str] = []
    taken: set[str] = set()
    for n, bundle in enumerate(bundles):
        part = functools.partial(_tidy_part, bundle=bundle, n=n, taken=taken, words=with_words)
        newest, undated = rewrite_meta(bundle, part)
        order.extend(newest)
        skip.extend(undated)
    return order, skip


def _tidy_part(
    meta: list[Item], bundle: Path, n: int, taken: set[str], words: bool
) -> tuple[list[str], list[str]]:
    """One part's meta file made ready (ids not `taken`, no date sort): its page ids newest
    first, and those of its pages without a date (its page of `words`, if it has one)."""
    pages = _pages(meta)
    dated = _date_sort(meta, len(pages))
    undated = sorted(set(range(len(pages))) - set(dated))
    if len(undated) > (1 if words else 0):  # a part missing no word has no page of words
        raise UnstableBundle(f"{len(undated)} pages without a date in part {n + 1}")
    for page in pages:
        name = str(page[0])
        if name in taken:  # another part's page has this id: a longer one, its file renamed
            new = next(
                f"{name}{n}{k}" for k in range(len(taken) + 1) if f"{name}{n}{k}" not in taken
            )
            folder = bundle / "fragment"
            (folder / f"{name}.pf_fragment").rename(folder / f"{new}.pf_fragment")
            page[0] = name = new
        taken.add(name)
    meta[4] = []  # the date sort: the order of the whole site replaces it
    return [str(pages[i][0]) for i in reversed(dated)], [str(pages[i][0]) for i in undated]


def _pages(meta: list[Item]) -> list[list[Item]]:
    """The meta file's pages: [[id, word count, …], …]."""
    pages = meta[1] if len(meta) > 4 else None
    if not isinstance(pages, list) or not all(
        isinstance(page, list) and page and isinstance(page[0], str) for page in pages
    ):
        raise UnstableBundle("meta: pages are not [[id, …], …]")
    return pages  # type: ignore[return-value]


def _date_sort(meta: list[Item], count: int) -> list[int]:
    """The pages' indexes by date, oldest first (Pagefind's sort on the records' `date`)."""
    sorts = meta[4]
    if not isinstance(sorts, list):
        raise UnstableBundle("meta: sorts are not a list")
    for entry in sorts:
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == SORT:
            dated = entry[1]
            if isinstance(dated, list) and all(
                isinstance(i, int) and 0 <= i < count for i in dated
            ):
                return dated  # type: ignore[return-value]
    raise UnstableBundle(f"meta: no sort on {SORT}")
