"""News pictures, edits and withdrawals: pictures reach only the post's readers (signed addresses made
for them, checked again when fetched: a withdrawn post or another reader gets 404 from /media/);
only the author or the school's staff edit and withdraw; scheduled posts are listed to their editors."""

import io
from datetime import timedelta

import pytest
from PIL import Image
from sqlmodel import select
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from mrko_app.api import media
from mrko_app.models import NewsPicture
from mrko_app.services import clock, news, uploads
from mrko_app.services.errors import NotFound, PermissionDenied, ValidationError
from tests.services import diary_school
from tests.services.diary_school import make_user


@pytest.fixture
def s(db, tmp_path, monkeypatch):
    monkeypatch.setenv("MRKO_PRIVATE_DIR", str(tmp_path))
    monkeypatch.setenv("MRKO_SECRET_KEY", "test-secret")
    school = diary_school.build(db)
    school.staff = make_user(db, "Завучева", "Нина", "", "staff", school_id=school.school.id)
    return school


def _picture(colour=(10, 120, 200)) -> dict:
    out = io.BytesIO()
    Image.new("RGB", (2400, 1200), colour).save(out, "JPEG")
    stored, picture = uploads.store_picture(out.getvalue(), news.PICTURE_FOLDER)
    return {**stored.as_dict(), "width": picture.width, "height": picture.height}


def _class_post(s, **form):
    return news.publish(s.db, s.class_teacher, {"target": f"class:{s.klass.id}", "title": "С картинкой",
                                                "body": "Текст", **form}, pictures=[_picture(), _picture()])


def _client(s, monkeypatch):
    """The /media/ endpoint on the test's own session (the app's opens its own)."""
    def resolve(token):
        grant = uploads.verify(token)
        found = news.picture_for_reader(s.db, grant) if grant else None
        return (*found, grant.expires) if found else None

    monkeypatch.setattr(media, "_resolve", resolve)
    return TestClient(media.mount(Starlette(routes=[Route("/{p:path}", lambda r: PlainTextResponse("app"))])))


def test_pictures_reach_the_class_only_through_addresses_for_each_reader(s, monkeypatch):
    post = _class_post(s)
    [item] = [i for i in news.feed(s.db, s.parent) if i.id == post.id]
    assert len(item.pictures) == 2 and all(u.startswith("/media/") for u in item.pictures)
    assert all(i.id != post.id for i in news.feed(s.db, s.other_parent))
    client = _client(s, monkeypatch)
    answer = client.get(item.pictures[0])
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(answer.content)).size == (1600, 800)
    assert "private" in answer.headers["cache-control"]
    # an address made for the other class's parent (as if leaked or forged) is refused when fetched
    picture_id = s.db.exec(select(NewsPicture.id).where(NewsPicture.post_id == post.id)).first()
    assert client.get(uploads.sign_url("news", picture_id, s.other_parent.id)).status_code == 404
    assert client.get(item.pictures[0][:-2] + "xx").status_code == 404
    assert client.get("/media/news.1.1.1.x").status_code == 404
    # withdrawn: the address handed out before answers 404 too
    news.withdraw(s.db, s.class_teacher, post.id)
    assert client.get(item.pictures[0]).status_code == 404
    assert all(i.id != post.id for i in news.feed(s.db, s.parent))


def test_pictures_are_capped_per_post(s):
    with pytest.raises(ValidationError) as err:
        news.publish(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "x", "body": "y"},
                     pictures=[_picture() for _ in range(news.MAX_PICTURES + 1)])
    assert "pictures" in err.value.fields


def test_a_picture_not_in_the_private_folder_is_refused(s):
    with pytest.raises(ValidationError):
        news.publish(s.db, s.staff, {"target": f"school:{s.school.id}", "title": "x", "body": "y"},
                     pictures=[{**_picture(), "storage_name": "0" * 32}])


def test_only_the_author_or_staff_edit_and_withdraw(s):
    post = _class_post(s)
    for intruder in (s.math_teacher, s.parent, s.other_parent):
        with pytest.raises(PermissionDenied):
            news.update(s.db, intruder, post.id, {"target": f"class:{s.klass.id}", "title": "взлом", "body": "x"})
        with pytest.raises(PermissionDenied):
            news.withdraw(s.db, intruder, post.id)
    edited = news.update(s.db, s.class_teacher, post.id, {"target": f"class:{s.klass.id}", "title": "Исправлено",
                                                          "body": "**Новый** текст"}, drop_pictures=True)
    assert edited.title == "Исправлено" and "<strong>Новый</strong>" in edited.body_html and edited.updated_at
    assert s.db.exec(select(NewsPicture).where(NewsPicture.post_id == post.id)).all() == []
    assert news.for_editing(s.db, s.staff, post.id)["title"] == "Исправлено"  # staff of the school too
    news.withdraw(s.db, s.staff, post.id)
    with pytest.raises(NotFound):
        news.for_editing(s.db, s.class_teacher, post.id)
    with pytest.raises(NotFound):
        news.mark_read(s.db, s.parent, post.id)


def test_editing_keeps_the_audience_rules(s):
    post = news.publish(s.db, s.class_teacher, {"target": f"class:{s.klass.id}", "title": "a", "body": "b"})
    with pytest.raises(PermissionDenied):  # a class teacher cannot move it to the whole school
        news.update(s.db, s.class_teacher, post.id, {"target": f"school:{s.school.id}", "title": "a", "body": "b"})


def test_scheduled_posts_are_listed_to_their_editors_only(s):
    later = clock.to_local(clock.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    post = news.publish(s.db, s.class_teacher, {"target": f"class:{s.klass.id}", "title": "Потом", "body": "b",
                                                "publish_at": later})
    assert [p.id for p in news.scheduled(s.db, s.class_teacher)] == [post.id]
    assert [p.id for p in news.scheduled(s.db, s.staff)] == [post.id]
    assert news.scheduled(s.db, s.math_teacher) == [] and news.scheduled(s.db, s.parent) == []
    assert all(i.id != post.id for i in news.feed(s.db, s.parent))
