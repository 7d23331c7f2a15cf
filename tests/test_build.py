import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT, FakeEmbedder
from fixtures import write_cp1252

from indexer.build import build
from indexer.config import Settings
from indexer.errors import ModelMismatch
from indexer.store.index import open_index


def test_build_then_incremental(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    first = build(corpus_copy, settings, fake, progress=False)
    assert first.documents == 5 and first.embedded == first.passages > 100 and first.reused == 0

    again = build(corpus_copy, settings, fake, progress=False)
    assert again.embedded == 0 and again.reused == first.passages

    letter = next(corpus_copy.glob("000_*"))
    letter.write_text(letter.read_text(encoding="utf-8").replace(
        "Caseloads have continued to reduce", "Caseloads have continued to fall"), encoding="utf-8")
    edited = build(corpus_copy, settings, fake, progress=False)
    assert 1 <= edited.embedded <= 3
    index = open_index(settings.index_dir)
    texts = [p.text for i in range(len(index.documents)) for p in index.passages_of(i)]
    assert any("continued to fall" in t for t in texts)
    assert not any("Caseloads have continued to reduce" in t for t in texts)
    index.close()

    next(corpus_copy.glob("003_*")).unlink()
    removed = build(corpus_copy, settings, fake, progress=False)
    assert removed.documents == 4 and removed.embedded == 0
    index = open_index(settings.index_dir)
    assert not any(d.path.startswith("003_") for d in index.documents)
    assert index.size == removed.passages
    index.close()


def test_bad_files_are_skipped_with_reasons(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "spaces.txt").write_bytes(b"  \n\n \t ")
    (corpus_copy / "random.txt").write_bytes(os.urandom(4000))
    (corpus_copy / "cut.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Cat")
    (corpus_copy / "fake.docx").write_text("plain text wearing a .docx name", encoding="utf-8")
    (corpus_copy / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    write_cp1252(corpus_copy / "budget.txt")
    report = build(corpus_copy, settings, fake, progress=False)
    skipped = dict(report.skipped)
    assert set(skipped) == {"empty.txt", "spaces.txt", "random.txt", "cut.pdf", "fake.docx", "photo.jpg"}
    assert skipped["photo.jpg"] == "unsupported file type .jpg"
    assert report.documents == 6
    index = open_index(settings.index_dir)
    budget = next(i for i, d in enumerate(index.documents) if d.path == "budget.txt")
    assert any("£2.1 million" in p.text for p in index.passages_of(budget))
    index.close()


def test_sidecar_overrides_fields(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    name = next(corpus_copy.glob("003_*")).name
    (corpus_copy / "metadata.csv").write_text(
        f"path,date,url\n{name},2019-01-22,https://example.org/article\n", encoding="utf-8")
    build(corpus_copy, settings, fake, progress=False)
    index = open_index(settings.index_dir)
    doc = next(d for d in index.documents if d.path == name)
    assert (doc.date, doc.year, doc.url) == ("2019-01-22", 2019, "https://example.org/article")
    index.close()


def test_another_model_is_refused(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    build(corpus_copy, settings, fake, progress=False)
    other = Settings(index_dir=settings.index_dir, model="another-model")
    with pytest.raises(ModelMismatch, match=r"was built with the model 'fake', not 'another-model'"):
        build(corpus_copy, other, fake, progress=False)
    with pytest.raises(ModelMismatch):
        open_index(settings.index_dir, "another-model")


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from pathlib import Path
from conftest import FakeEmbedder
from indexer.build import build
from indexer.config import Settings

class Slow(FakeEmbedder):
    def embed(self, texts, batch_size=32):
        print("embedding", flush=True)
        time.sleep(0.5)
        return super().embed(texts, batch_size)

build(Path({corpus!r}), Settings(index_dir=Path({index!r}), model="fake", batch_size=1), Slow(), progress=False)
"""


def test_killed_build_leaves_last_good_index(corpus_copy: Path, settings: Settings, fake: FakeEmbedder) -> None:
    build(corpus_copy, settings, fake, progress=False)
    before = open_index(settings.index_dir)
    size, docs = before.size, [d.path for d in before.documents]
    before.close()
    for path in corpus_copy.iterdir():  # every passage changes, so the next build embeds them all
        path.write_text(path.read_text(encoding="utf-8") + "\n\nAn added closing sentence.", encoding="utf-8")
    script = KILL_SCRIPT.format(tests=str(ROOT / "tests"), corpus=str(corpus_copy), index=str(settings.index_dir))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, cwd=ROOT, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "embedding"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = open_index(settings.index_dir)
    assert after.size == size and [d.path for d in after.documents] == docs
    manifest = json.loads((settings.index_dir / "manifest.json").read_text())
    assert manifest["passages"] == size
    after.close()
    # and the next build recovers
    report = build(corpus_copy, settings, fake, progress=False)
    assert report.documents == 5


def test_corpus_is_the_seed_five() -> None:
    assert len([p for p in CORPUS.iterdir() if p.is_file()]) == 5
