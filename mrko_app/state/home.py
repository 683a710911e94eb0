"""The home page: where a signed-in user's area is."""

import reflex as rx

from mrko_app.state.base import AuthState, landing_route


class HomeState(AuthState):
    @rx.var
    def area_route(self) -> str:
        return landing_route(self.roles)
