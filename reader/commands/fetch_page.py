"""Fetching one web page for `reader show URL`, with the same limits as feed fetching."""

from __future__ import annotations

import argparse
import asyncio

from reader.config import FetchConfig, find_config_path, load_config


def fetch_page(url: str, args: argparse.Namespace) -> tuple[bytes, str | None]:
    """The page's bytes and content type; raises ShowError with the fetch error's reason."""
    from reader.commands.show import ShowError
    from reader.fetch.http import fetch_http, make_client

    path = find_config_path(args.config)
    cfg = load_config(path).fetch if path.exists() else FetchConfig()

    async def get() -> tuple[bytes, str | None]:
        async with make_client(cfg) as client:
            result = await fetch_http(client, url, cfg)
        if result.error or result.body is None:
            raise ShowError(f"{url}: {result.error or 'no content'}")
        return result.body, result.content_type

    return asyncio.run(get())
