"""One module per page; each registers itself with components.layout.page."""
