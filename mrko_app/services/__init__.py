"""The domain in plain Python: every function takes a DB session (and the acting user where it
acts for someone) and enforces the access rules itself. No Reflex imports here."""
