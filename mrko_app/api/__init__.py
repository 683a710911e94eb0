"""HTTP endpoints of the app besides Reflex's own (hooked in through rx.App's api_transformer)."""
