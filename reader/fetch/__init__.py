"""Getting feeds: HTTP with limits and conditional GET, parsing in a process pool, and the refresh run."""
