"""Turning what feeds and pages give into clean reading text: pure functions, no I/O, no Textual."""
