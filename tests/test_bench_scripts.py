"""The ingest benchmark's corpus builder: copies differ in bytes but extract the same.

(The benchmark itself only prints figures; what must hold is that its corpus is a
fair one: N distinct documents, not N copies the ingest would skip.)
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from sample_reports import ROOT, SAMPLES

from jixiao.extract import read_document

PDF_SAMPLE = SAMPLES / "jiujiang_2021_primary_care_it_national_form_libreoffice.pdf"


def _load_corpus_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_docx_copies_differ_in_bytes_but_extract_the_same(tmp_path: Path) -> None:
    samples = corpus.sample_files(SAMPLES, (".docx",))
    assert len(samples) >= 2
    built = corpus.build_corpus(samples, tmp_path / "corpus", 3)

    assert len(built) == 3
    assert [p.parent for p in built] == [tmp_path / "corpus"] * 3
    originals = [samples[i % len(samples)] for i in range(3)]
    hashes = {sha(p) for p in built}
    assert len(hashes) == 3
    assert hashes.isdisjoint(sha(p) for p in originals)
    for copy, original in zip(built, originals, strict=True):
        got, want = read_document(copy), read_document(original)
        assert got.source.format == want.source.format == "docx"
        assert got.source.sha256 == sha(copy) != want.source.sha256
        assert got.blocks == want.blocks
        assert got.notes == want.notes


def test_docx_copy_bumps_the_revision_number(tmp_path: Path) -> None:
    sample = corpus.sample_files(SAMPLES, (".docx",))[0]
    dest = tmp_path / "copy.docx"
    corpus.make_variant(sample, dest, 6)

    with zipfile.ZipFile(sample) as before, zipfile.ZipFile(dest) as after:
        assert before.namelist() == after.namelist()
        old = corpus._REVISION.search(before.read(corpus.CORE_PROPERTIES))
        new = corpus._REVISION.search(after.read(corpus.CORE_PROPERTIES))
        assert old is not None and new is not None
        assert int(new.group(1)) == int(old.group(1)) + 7
        assert after.comment == b"jixiao benchmark copy 6"
        for name in before.namelist():
            if name != corpus.CORE_PROPERTIES:
                assert after.read(name) == before.read(name), name


def test_pdf_copies_differ_in_bytes_but_extract_the_same(tmp_path: Path) -> None:
    built = corpus.build_corpus([PDF_SAMPLE], tmp_path, 2)

    assert sha(built[0]) != sha(built[1])
    want = read_document(PDF_SAMPLE)
    for copy in built:
        assert copy.read_bytes().startswith(PDF_SAMPLE.read_bytes())
        got = read_document(copy)
        assert got.source.format == "pdf"
        assert got.source.pages == want.source.pages
        assert got.blocks == want.blocks


def test_the_corpus_is_deterministic(tmp_path: Path) -> None:
    samples = corpus.sample_files(SAMPLES, (".docx",))[:2] + [PDF_SAMPLE]
    first = corpus.build_corpus(samples, tmp_path / "a", 3)
    second = corpus.build_corpus(samples, tmp_path / "b", 3)

    assert [p.name for p in first] == [p.name for p in second]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_linked_corpus_has_the_bytes_of_its_sources(tmp_path: Path) -> None:
    sources = corpus.build_corpus(corpus.sample_files(SAMPLES, (".docx",))[:2], tmp_path / "c", 2)
    linked = corpus.link_corpus(sources, tmp_path / "many", 5)

    assert len(set(linked)) == 5
    assert [sha(p) for p in linked] == [sha(sources[i % 2]) for i in range(5)]


def test_variants_refuse_other_formats(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"\.docx or \.pdf only"):
        corpus.make_variant(SAMPLES / "x.doc", tmp_path / "x.doc", 0)
