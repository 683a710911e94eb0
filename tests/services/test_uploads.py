"""services/uploads: pictures are checked by content, capped, decoded with a pixel cap, shrunk and
re-encoded without metadata; signed addresses bind purpose, record, reader and expiry."""

import io
from datetime import datetime, timedelta

import pytest
from PIL import Image

from mrko_app.services import uploads
from mrko_app.services.errors import ValidationError
from mrko_app.services.uploads import pictures, signing


@pytest.fixture(autouse=True)
def private(tmp_path, monkeypatch):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    monkeypatch.setenv("MRKO_SECRET_KEY", "test-secret")
    return tmp_path


def _jpeg(size=(3000, 2000), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(out, "JPEG", **save)
    return out.getvalue()


def test_a_big_photo_is_shrunk_reencoded_and_loses_its_metadata():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam"  # Make
    exif[0x8825] = {2: (55.0, 45.0, 0.0)}  # a GPS position
    raw = _jpeg(exif=exif.tobytes(), comment=b"secret comment") + b"<script>trailing</script>"
    picture = uploads.prepare_picture(raw)
    image = Image.open(io.BytesIO(picture.data))
    assert (picture.width, picture.height) == (1600, 1067) == image.size
    assert picture.content_type == "image/jpeg" and image.format == "JPEG"
    assert not image.getexif() and "comment" not in image.info
    assert b"SpyCam" not in picture.data and b"<script>" not in picture.data and b"secret comment" not in picture.data


def test_transparent_png_stays_png_without_its_text_chunks_small_pictures_keep_their_size():
    from PIL.PngImagePlugin import PngInfo

    text = PngInfo()
    text.add_text("Author", "Secret Person")
    out = io.BytesIO()
    Image.new("RGBA", (300, 200), (0, 0, 0, 0)).save(out, "PNG", pnginfo=text)
    picture = uploads.prepare_picture(out.getvalue())
    assert picture.content_type == "image/png" and (picture.width, picture.height) == (300, 200)
    assert b"Secret Person" not in picture.data and "Author" not in Image.open(io.BytesIO(picture.data)).info


@pytest.mark.parametrize("data, key", [
    (b"", "upload.picture_empty"),
    (b"%PDF-1.4 not a picture", "upload.picture_bad_type"),
    (b"GIF89a" + b"\0" * 100, "upload.picture_bad_type"),
    (b"<svg onload=alert(1)>", "upload.picture_bad_type"),
    (b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "upload.picture_bad_type"),
    (b"\xff\xd8\xff" + b"x" * (pictures.MAX_BYTES + 1), "upload.picture_too_big"),
])
def test_what_is_no_acceptable_picture_is_refused_by_field(data, key):
    with pytest.raises(ValidationError) as err:
        uploads.prepare_picture(data, field="pictures")
    assert err.value.fields == {"pictures": key}


def test_a_decompression_bomb_is_refused(monkeypatch):
    monkeypatch.setattr(pictures, "MAX_PIXELS", 1000)
    with pytest.raises(ValidationError):
        uploads.prepare_picture(_jpeg((100, 100)))


def test_stored_pictures_live_in_the_private_folder_under_random_names(private):
    stored, picture = uploads.store_picture(_jpeg((800, 600)), "news_pictures", "../../etc/passwd.jpg")
    path = private / "news_pictures" / stored.storage_name
    assert path.read_bytes() == picture.data and stored.filename == "passwd.jpg"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    uploads.delete("news_pictures", stored.storage_name)
    assert not path.exists()


def test_signed_address_binds_purpose_record_reader_and_expiry():
    now = datetime(2026, 12, 1, 12, 0)
    token = signing.token("news", 7, 42, now=now)
    grant = uploads.verify(token, now=now)
    assert (grant.purpose, grant.object_id, grant.user_id) == ("news", 7, 42)
    assert uploads.sign_url("news", 7, 42, now=now) == "/media/" + token
    assert uploads.verify(token, now=now + timedelta(hours=2)) is None  # expired
    body, _, mac = token.rpartition(".")
    for forged in (body.replace(".7.", ".8.", 1) + "." + mac, body.replace(".42.", ".43.", 1) + "." + mac,
                   token[:-1] + ("A" if token[-1] != "A" else "B"), "", "x" * 80, None, token + "x"):
        assert uploads.verify(forged, now=now) is None


def test_another_secret_key_makes_every_address_void(monkeypatch):
    token = signing.token("news", 7, 42)
    monkeypatch.setenv("MRKO_SECRET_KEY", "another")
    assert uploads.verify(token) is None
