"""The daily digest: pure building and summarising over data classes, then Markdown rendering."""
