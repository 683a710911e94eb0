"""Pictures (news now, message attachments later): checked by content, size-capped, decoded by Pillow
with a pixel cap (no decompression bombs), turned upright by their EXIF orientation, shrunk to at most
MAX_SIDE pixels on the longest side and re-encoded, which drops every metadata block (EXIF with GPS
positions, comments, ICC profiles) and anything smuggled after the image data."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

from mrko_app.services.errors import ValidationError
from mrko_app.services.uploads import storage

MAX_BYTES = 8 * 1024 * 1024  # an upload from a phone camera
MAX_PIXELS = 40_000_000  # decoded size refused beyond this (a 1 KB file may claim 100 000 x 100 000)
MAX_SIDE = 1600
TYPES = ("image/jpeg", "image/png")
KEYS = {"empty": "upload.picture_empty", "too_big": "upload.picture_too_big", "bad_type": "upload.picture_bad_type"}


@dataclass(frozen=True)
class Picture:
    data: bytes  # the re-encoded image
    content_type: str
    width: int
    height: int


def prepare(data: bytes, field: str = "pictures") -> Picture:
    """The picture ready to store, or ValidationError on `field` (not a PNG/JPEG, too big, broken)."""
    storage.check(data, max_size=MAX_BYTES, types=TYPES, field=field, keys=KEYS)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format not in ("JPEG", "PNG") or image.width * image.height > MAX_PIXELS:
                raise ValidationError({field: KEYS["bad_type"]})
            image.load()
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError({field: KEYS["bad_type"]}) from None
    image = ImageOps.exif_transpose(image)
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    if image.mode in ("RGBA", "LA", "P") and (image.mode != "P" or "transparency" in image.info):
        # transparency survives as PNG
        image, content_type, options = image.convert("RGBA"), "image/png", {"optimize": True}
    else:
        image, content_type, options = image.convert("RGB"), "image/jpeg", {"quality": 85, "optimize": True}
    # Pillow writes what `info` still holds (a JPEG comment, PNG text chunks, an ICC profile): nothing
    image.info = {}
    image.save(out, "PNG" if content_type == "image/png" else "JPEG", **options)
    return Picture(out.getvalue(), content_type, image.width, image.height)


def store(data: bytes, folder_name: str, filename: str | None = None,
          field: str = "pictures") -> tuple[storage.StoredFile, Picture]:
    """Prepare the picture and keep the re-encoded bytes (never the uploaded ones) in the private folder."""
    picture = prepare(data, field)
    name = storage.clean_filename(filename, picture.content_type, "picture")
    return storage.write(picture.data, folder_name, name, picture.content_type), picture
