"""The home page, the public face: search over the forum and the FAQ, the latest questions, the FAQ
sections, the directory; where a signed-in user's area is."""

import reflex as rx

from mrko_app.services import directory, faq, forum
from mrko_app.state.base import AuthState, landing_route
from mrko_app.state.forms import accepts
from mrko_app.state.schemas_public import SearchForm
from mrko_app.views.present import present

LATEST = 6


class HomeState(AuthState):
    latest: list[dict] = []
    faq_sections: list[dict] = []
    units: list[dict] = []
    results: list[dict] = []
    query: str = ""
    searched: bool = False

    @rx.var
    def area_route(self) -> str:
        return landing_route(self.roles)

    @rx.event
    def load(self):
        def read(db):
            sections = [{"code": s["code"], "count": len(s["entries"]),
                         "first": s["entries"][0]["href"] if s["entries"] else "/faq"} for s in faq.sections(db)]
            units = [{"id": u["id"], "name": u["name"]} for u in directory.units(db, None)][:8]
            return forum.list_questions(db, "newest")[:LATEST], sections, units

        self.latest, self.faq_sections, self.units = self._run(read).value_or(([], [], []))
        self.latest = present(self.latest, self.lang)
        self.results, self.query, self.searched = [], "", False

    @rx.event
    @accepts(form=SearchForm)
    def search(self, form: SearchForm):
        self.query = form.q.strip()
        query = self.query
        self.searched = bool(query)
        self.results = self._run(lambda db: forum.find(db, query, limit=10)).value_or([]) if query else []
