"""Checked files kept privately: type by content (magic bytes, never the client's name or type), a size
cap, a random storage name in a folder of `config.private_dir()` (outside every served folder: assets/,
.web/, Reflex's upload dir). Nothing here serves a file; the areas that own them check who may read."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from mrko_app import config
from mrko_app.services.errors import NotFound, ValidationError

_STORAGE_NAME = re.compile(r"^[0-9a-f]{32}$")

# content type -> the magic bytes a file of that type starts with
SIGNATURES: tuple[tuple[str, bytes], ...] = (
    ("application/pdf", b"%PDF-"),
    ("image/png", b"\x89PNG\r\n\x1a\n"),
    ("image/jpeg", b"\xff\xd8\xff"),
)
EXTENSIONS = {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}


@dataclass(frozen=True)
class StoredFile:
    """A checked file written to a private folder, not yet attached to its record."""

    filename: str
    content_type: str
    size: int
    sha256: str
    storage_name: str

    def as_dict(self) -> dict:
        return asdict(self)


def sniff(data: bytes) -> str | None:
    """The content type by the file's first bytes (PDF, PNG or JPEG), else None."""
    for content_type, magic in SIGNATURES:
        if data.startswith(magic):
            return content_type
    return None


def clean_filename(name: str | None, content_type: str, fallback: str = "document") -> str:
    """The client's file name reduced to a harmless base name (for display and the download name)."""
    raw = str(name or "")
    base = PureWindowsPath(PurePosixPath(raw.replace("\\", "/")).name).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"/\\|?*').strip(" .")
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return (stem[:120] or fallback) + EXTENSIONS[content_type]


def check(data: bytes, *, max_size: int, types: tuple[str, ...], field: str, keys: dict[str, str]) -> str:
    """The content type of acceptable bytes; else ValidationError on `field`. `keys` names the catalogue
    messages of the caller's area: "empty", "too_big" (with {limit} in MB), "bad_type"."""
    if not data:
        raise ValidationError({field: keys["empty"]})
    if len(data) > max_size:
        raise ValidationError({field: keys["too_big"]}, limit=max(1, max_size // (1024 * 1024)))
    content_type = sniff(data)
    if content_type not in types:
        raise ValidationError({field: keys["bad_type"]})
    return content_type


def folder(name: str, base: Path | None = None) -> Path:
    path = (base or config.private_dir()) / name
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def write(data: bytes, folder_name: str, filename: str, content_type: str, base: Path | None = None) -> StoredFile:
    """Write already checked bytes under a fresh random name (never overwriting a file)."""
    storage_name = secrets.token_hex(16)
    fd = os.open(folder(folder_name, base) / storage_name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return StoredFile(filename=filename, content_type=content_type, size=len(data),
                      sha256=hashlib.sha256(data).hexdigest(), storage_name=storage_name)


def _path(folder_name: str, storage_name: str, base: Path | None) -> Path:
    if not isinstance(storage_name, str) or not _STORAGE_NAME.match(storage_name):
        raise NotFound()
    return folder(folder_name, base) / storage_name


def read(folder_name: str, storage_name: str, base: Path | None = None) -> bytes:
    path = _path(folder_name, storage_name, base)
    if not path.is_file():
        raise NotFound()
    return path.read_bytes()


def exists(folder_name: str, storage_name: str, base: Path | None = None) -> bool:
    try:
        return _path(folder_name, storage_name, base).is_file()
    except NotFound:
        return False


def delete(folder_name: str, storage_name: str, base: Path | None = None) -> None:
    try:
        _path(folder_name, storage_name, base).unlink(missing_ok=True)
    except NotFound:
        pass
