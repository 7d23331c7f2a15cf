"""The index folder's full-text table: a phrase's uses are counted without reading the library."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import FakeEmbedder

from indexer.build import build
from indexer.config import Settings
from indexer.store.index import ACRONYMS, USES_READ, open_index


def _library(tmp_path: Path, settings: Settings, fake: FakeEmbedder, copies: int) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraphs = [f"Paragraph {i}: the virtual school tracks every child's progress (virtual school)."
                  for i in range(copies)]
    paragraphs.append("The Independent Reviewing Officer (IRO) service is stable. A decent range of help.")
    (corpus / "report.txt").write_text("Blackpool children's services\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    build(corpus, settings, fake, progress=False)
    return settings.index_dir


def test_uses_reads_a_bounded_number_of_passages(tmp_path: Path, settings: Settings, fake: FakeEmbedder) -> None:
    index = open_index(_library(tmp_path, settings, fake, copies=3 * USES_READ))
    # Twice a passage, in the first USES_READ passages that say it: never the whole library.
    assert index.uses("virtual school") == index.uses("Virtual School") == 2 * USES_READ
    assert index.uses("decent range") == 1
    assert index.uses("decent computer") == 0
    assert index.uses('school"') == index.uses("decent_range") == 0  # quotes and wildcards are words


def test_abbreviations_are_found_when_the_index_is_built(tmp_path: Path, settings: Settings, fake: FakeEmbedder) -> None:
    folder = _library(tmp_path, settings, fake, copies=2)
    index = open_index(folder)
    assert (folder / index.generation / ACRONYMS).exists()
    assert index.acronyms["IRO"] == "independent reviewing officer"


def test_an_index_without_the_full_text_table_still_counts(tmp_path: Path, settings: Settings, fake: FakeEmbedder) -> None:
    folder = _library(tmp_path, settings, fake, copies=3)
    generation = open_index(folder).generation
    db = sqlite3.connect(folder / generation / "index.sqlite")
    db.execute("DROP TABLE passages_fts")
    db.commit()
    db.close()
    (folder / generation / ACRONYMS).unlink()
    index = open_index(folder)
    assert index.uses("virtual school") == 6
    assert index.acronyms["IRO"] == "independent reviewing officer"
