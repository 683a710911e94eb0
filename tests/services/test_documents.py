"""Scans: accepted by content (PDF, PNG, JPEG), size-limited, stored under random names in the private folder."""

import hashlib
import os
import stat

import pytest

from mrko_app import config
from mrko_app.services.access import documents
from mrko_app.services.errors import NotFound, ValidationError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 30


@pytest.fixture
def private(tmp_path, monkeypatch):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path / "private"))
    return tmp_path / "private"


@pytest.mark.parametrize("data, expected", [(PNG, "image/png"), (PDF, "application/pdf"), (JPEG, "image/jpeg")])
def test_type_is_read_from_the_content(data, expected):
    assert documents.sniff(data) == expected
    assert documents.check(data) == expected


@pytest.mark.parametrize("data", [b"GIF89a" + b"\x00" * 20, b"<html><script>alert(1)</script>", b"PK\x03\x04zip",
                                  b"MZ\x90\x00", b" %PDF-1.4 leading space"])
def test_other_content_is_refused_whatever_the_name(private, data):
    with pytest.raises(ValidationError) as exc:
        documents.store(data, "scan.pdf", field="doc_identity")
    assert exc.value.fields == {"doc_identity": "access.doc_bad_type"}
    assert not (private / "documents").exists() or list((private / "documents").iterdir()) == []


def test_a_png_named_exe_is_accepted_and_renamed(private):
    stored = documents.store(PNG, "../../etc/passwd.exe", field="x")
    assert stored.content_type == "image/png"
    assert stored.filename == "passwd.png"


def test_empty_and_too_big_files_are_refused(private):
    with pytest.raises(ValidationError) as exc:
        documents.store(b"", "a.png")
    assert exc.value.fields == {"file": "access.doc_empty"}
    big = PNG + b"\x00" * (documents.MAX_SIZE - len(PNG) + 1)
    with pytest.raises(ValidationError) as exc:
        documents.store(big, "a.png")
    assert exc.value.fields == {"file": "access.doc_too_big"}
    just_fits = PNG + b"\x00" * (documents.MAX_SIZE - len(PNG))
    assert documents.store(just_fits, "a.png").size == documents.MAX_SIZE


def test_stored_privately_under_a_random_name(private):
    first = documents.store(PDF, "passport.pdf")
    second = documents.store(PDF, "passport.pdf")
    assert first.storage_name != second.storage_name
    assert "passport" not in first.storage_name
    path = private / "documents" / first.storage_name
    assert path.read_bytes() == PDF
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert first.sha256 == hashlib.sha256(PDF).hexdigest()
    assert first.size == len(PDF)
    assert documents.read(first.storage_name) == PDF
    # the private folder is outside everything the app serves
    served = [config.ROOT / "assets", config.ROOT / ".web"]
    assert not any(path.resolve().is_relative_to(s.resolve()) for s in served)


def test_default_private_dir_is_outside_served_folders(monkeypatch):
    monkeypatch.delenv("MRKO_PRIVATE_DIR", raising=False)
    path = config.private_dir().resolve()
    for served in ("assets", ".web", "uploaded_files"):
        assert not path.is_relative_to((config.ROOT / served).resolve())


@pytest.mark.parametrize("name", ["../secret", "/etc/passwd", "", "A" * 32, None, 5, "0" * 31])
def test_reading_by_anything_but_a_storage_name_is_refused(private, name):
    with pytest.raises(NotFound):
        documents.read(name)
    assert documents.exists(name) is False


def test_delete(private):
    stored = documents.store(JPEG, "x.jpg")
    documents.delete(stored.storage_name)
    assert not documents.exists(stored.storage_name)
