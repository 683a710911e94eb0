"""The demo school's surveys: three of them, with answers that make meaningful results; loading again
adds nothing."""

from sqlalchemy import func, select

from mrko_app.demo import load_demo
from mrko_app.demo.surveys import MEETING, ROAD_TEST, SATISFACTION
from mrko_app.models import Survey, SurveyParticipant, SurveyResponse, User
from mrko_app.services import surveys
from tests.demo.conftest import TODAY


def _user(session, login):
    return session.execute(select(User).where(User.login == login)).scalar_one()


def test_the_demo_surveys_have_meaningful_results(demo):
    session, summary = demo
    titles = dict(session.execute(select(Survey.title, Survey.id).where(Survey.school_id == summary.school_id)).all())
    assert set(titles) == {SATISFACTION, MEETING, ROAD_TEST}
    staff = _user(session, "staff1")
    r = surveys.results(session, staff, titles[SATISFACTION])
    assert r.anonymous and r.responses > 60 and r.audience > r.responses
    overall = r.questions[0]
    assert sum(overall.counts) == r.responses and overall.counts[0] > overall.counts[2] > 0
    assert len(r.classes) >= 4 and all(n >= surveys.MIN_GROUP for _c, _n, n in r.classes)
    test = surveys.results(session, staff, titles[ROAD_TEST])
    assert test.max_score == 4.0 and min(test.scores) < sum(test.scores) / len(test.scores) < max(test.scores) == 4.0
    meeting = surveys.results(session, _user(session, "teacher1"), titles[MEETING])
    assert 0 < meeting.responses <= 25
    # the demo logins are left to answer themselves
    assert [c.title for c in surveys.open_surveys(session, _user(session, "parent1"))] != []
    anonymous = session.execute(select(SurveyResponse).where(SurveyResponse.survey_id == titles[SATISFACTION])).scalars()
    assert all(x.user_id is None and x.submitted_at is None for x in anonymous)


def test_loading_the_surveys_again_changes_nothing(demo):
    session, _summary = demo
    before = [session.execute(select(func.count()).select_from(t)).scalar() for t in (Survey, SurveyResponse,
                                                                                      SurveyParticipant)]
    load_demo(session, today=TODAY)
    session.flush()
    after = [session.execute(select(func.count()).select_from(t)).scalar() for t in (Survey, SurveyResponse,
                                                                                     SurveyParticipant)]
    assert after == before
