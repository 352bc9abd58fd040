"""The Textual reader: a thin layer over the store and the cleaning pipeline. Only `reader`/`reader tui` import it."""
