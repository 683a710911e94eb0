"""Scans attached to access applications: the one upload mechanism (services/uploads) with this area's
limits and messages.

The bytes go to `config.private_dir()/documents` under a random name (never the client's file name),
which is outside every folder the app serves (assets/, .web/, Reflex's upload dir). Only services that
check the reviewer's role read them back (services/applications.document_for_staff).
"""

from pathlib import Path

from mrko_app.services.uploads import storage
from mrko_app.services.uploads.storage import EXTENSIONS, StoredFile, sniff

MAX_SIZE = 5 * 1024 * 1024  # bytes per document
DOCUMENT_FOLDER = "documents"
TYPES = ("application/pdf", "image/png", "image/jpeg")
KEYS = {"empty": "access.doc_empty", "too_big": "access.doc_too_big", "bad_type": "access.doc_bad_type"}

__all__ = ["EXTENSIONS", "MAX_SIZE", "StoredFile", "check", "clean_filename", "delete", "exists", "folder", "read",
           "sniff", "store"]


def clean_filename(name: str | None, content_type: str) -> str:
    """The client's file name reduced to a harmless base name (for display and the download name)."""
    return storage.clean_filename(name, content_type, "document")


def check(data: bytes, field: str = "file") -> str:
    """The content type of an acceptable document; else ValidationError on `field`."""
    return storage.check(data, max_size=MAX_SIZE, types=TYPES, field=field, keys=KEYS)


def folder(base: Path | None = None) -> Path:
    return storage.folder(DOCUMENT_FOLDER, base)


def store(data: bytes, filename: str | None, field: str = "file", base: Path | None = None) -> StoredFile:
    """Check `data` and write it to the private folder under a fresh random name."""
    content_type = check(data, field)
    return storage.write(data, DOCUMENT_FOLDER, clean_filename(filename, content_type), content_type, base)


def read(storage_name: str, base: Path | None = None) -> bytes:
    return storage.read(DOCUMENT_FOLDER, storage_name, base)


def exists(storage_name: str, base: Path | None = None) -> bool:
    return storage.exists(DOCUMENT_FOLDER, storage_name, base)


def delete(storage_name: str, base: Path | None = None) -> None:
    storage.delete(DOCUMENT_FOLDER, storage_name, base)
