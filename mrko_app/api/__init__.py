"""HTTP routes of the app beside Reflex's own (mounted through rx.App(api_transformer=...))."""
