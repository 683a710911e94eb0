"""Uploaded files, one mechanism for every area (access-application scans, news pictures, later message
attachments): check by content and cap the size (`storage`), decode, resize and re-encode pictures
(`pictures`), keep them privately under random names (`storage`), and hand readers short-lived signed
addresses that the `/media/` endpoint verifies (`signing`, mrko_app/api/media.py).

Public API: StoredFile, sniff, check, clean_filename, write, read, exists, delete (storage);
Picture, prepare_picture, store_picture (pictures); Grant, sign_url, verify (signing)."""

from mrko_app.services.uploads.pictures import MAX_BYTES as PICTURE_MAX_BYTES
from mrko_app.services.uploads.pictures import Picture
from mrko_app.services.uploads.pictures import prepare as prepare_picture
from mrko_app.services.uploads.pictures import store as store_picture
from mrko_app.services.uploads.signing import Grant, verify
from mrko_app.services.uploads.signing import url as sign_url
from mrko_app.services.uploads.storage import StoredFile, check, clean_filename, delete, exists, read, sniff, write

__all__ = ["PICTURE_MAX_BYTES", "Grant", "Picture", "StoredFile", "check", "clean_filename", "delete", "exists", "prepare_picture", "read",
           "sign_url", "sniff", "store_picture", "verify", "write"]
