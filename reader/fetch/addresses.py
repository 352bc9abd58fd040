"""Which addresses a full-text page may come from: public ones, unless the feed itself is on a private network.

A feed chooses what its articles link to, so without this check a feed could make the reader
fetch (and then store, index and show) ``http://127.0.0.1:8080/admin`` or a router's page on
the user's network. Every hop is checked by resolving its host, and the connection goes to the
addresses checked, so a name that resolves differently the second time changes nothing.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

from reader.fetch.connections import InvalidAddress

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
AddressCheck = Callable[[IPAddress], bool]


def is_public_address(ip: IPAddress) -> bool:
    """True for a globally routable unicast address; loopback, private, link-local, shared and reserved are not."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal resolves to itself, with no DNS lookup)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class AddressRefused(Exception):
    """A page's host is at an address the guard does not accept; the message says which and why."""


class PublicOnly:
    """Vets a page's host before it is fetched: every address it resolves to must be one `is_public` accepts."""

    def __init__(self, is_public: AddressCheck = is_public_address) -> None:
        self.is_public = is_public

    async def vetted(self, host: str, port: int) -> list[str]:
        """The addresses `host` may be fetched from: all it resolves to, each accepted; else AddressRefused.

        The fetch connects to these, not to the name: a name that answers a public address to this
        lookup and a private one to the next (DNS rebinding) cannot send the request elsewhere.
        A name that does not resolve raises the lookup's OSError, which the fetch reports as such.
        """
        try:
            addresses = await resolve(host, port)
        except UnicodeError as exc:  # a name the IDNA codec cannot encode (an empty or overlong label)
            raise InvalidAddress(f"its host cannot be looked up ({exc})") from None
        refused = next((ip for ip in addresses if not self.is_public(ip)), None)
        if refused is not None:
            raise AddressRefused(self._refuse(host, refused))
        return list(dict.fromkeys(str(ip) for ip in addresses))

    @staticmethod
    def _refuse(host: str, ip: IPAddress) -> str:
        return (f"refused: {host} is at {ip}, a loopback, private or local address; pages are fetched only "
                "from public addresses unless the feed itself is on a private network")

    async def feed_is_private(self, feed_url: str) -> bool:
        """True when the feed's own host is on a loopback or private address: its pages may be there too."""
        parts = urlsplit(feed_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return False  # a local file: its links get no exemption
        try:
            addresses = await resolve(parts.hostname, parts.port or 80)
        except (OSError, ValueError):
            return False
        return any(not self.is_public(ip) for ip in addresses)
