"""Scans attached to access applications: type checked by content, size-limited, stored privately.

The bytes go to `config.private_dir()/documents` under a random name (never the client's file name),
which is outside every folder the app serves (assets/, .web/, Reflex's upload dir). Only services that
check the reviewer's role read them back (services/applications.document_for_staff).
"""

import hashlib
import os
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from mrko_app import config
from mrko_app.services.errors import NotFound, ValidationError

MAX_SIZE = 5 * 1024 * 1024  # bytes per document
DOCUMENT_FOLDER = "documents"
_STORAGE_NAME = re.compile(r"^[0-9a-f]{32}$")

# content type -> the magic bytes a file of that type starts with
_SIGNATURES: tuple[tuple[str, bytes], ...] = (
    ("application/pdf", b"%PDF-"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", b"\xff\xd8\xff"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class StoredFile:
    """A checked file written to the private folder, not yet attached to an application."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_name: str

    def as_dict(self) -> dict:
        return asdict(self)


def sniff(data: bytes) -> str | None:
    """The content type by the file's first bytes (PDF, PNG or JPEG), else None."""
    for content_type, magic in _SIGNATURES:
        if data.startswith(magic):
            return content_type
    return None


def clean_filename(name: str | None, content_type: str) -> str:
    """The client's file name reduced to a harmless base name (for display and the download name)."""
    raw = str(name or "")
    base = PureWindowsPath(PurePosixPath(raw.replace("\\", "/")).name).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = stem[:120] or "document"
    return stem + EXTENSIONS[content_type]


def check(data: bytes, field: str = "file") -> str:
    """The content type of an acceptable document; else ValidationError on `field`."""
    if not data:
        raise ValidationError({field: "access.doc_empty"})
    if len(data) > MAX_SIZE:
        raise ValidationError({field: "access.doc_too_big"}, limit=MAX_SIZE // (1024 * 1024))
    content_type = sniff(data)
    if content_type is None:
        raise ValidationError({field: "access.doc_bad_type"})
    return content_type


def folder(base: Path | None = None) -> Path:
    path = (base or config.private_dir()) / DOCUMENT_FOLDER
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def store(data: bytes, filename: str | None, field: str = "file", base: Path | None = None) -> StoredFile:
    """Check `data` and write it to the private folder under a fresh random name."""
    content_type = check(data, field)
    storage_name = secrets.token_hex(16)
    path = folder(base) / storage_name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return StoredFile(
        filename=clean_filename(filename, content_type),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        storage_name=storage_name,
    )


def _path(storage_name: str, base: Path | None) -> Path:
    if not isinstance(storage_name, str) or not _STORAGE_NAME.match(storage_name):
        raise NotFound()
    return folder(base) / storage_name


def read(storage_name: str, base: Path | None = None) -> bytes:
    path = _path(storage_name, base)
    if not path.is_file():
        raise NotFound()
    return path.read_bytes()


def exists(storage_name: str, base: Path | None = None) -> bool:
    try:
        return _path(storage_name, base).is_file()
    except NotFound:
        return False


def delete(storage_name: str, base: Path | None = None) -> None:
    try:
        _path(storage_name, base).unlink(missing_ok=True)
    except NotFound:
        pass
