"""Thin Reflex states: they resolve the user, call services and keep small public views."""
