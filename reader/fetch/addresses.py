"""Which addresses a full-text page may come from: public ones, unless the feed itself is on a private network.

A feed chooses what its articles link to, so without this check a feed could make the reader
fetch (and then store, index and show) ``http://127.0.0.1:8080/admin`` or a router's page on
the user's network. Every hop is checked by resolving its host, and the address actually
connected to is checked again, so a name that resolves differently the second time is caught.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urlsplit

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


class PublicOnly:
    """Refuses a page whose host resolves to, or whose connection reached, an address `is_public` rejects."""

    def __init__(self, is_public: AddressCheck = is_public_address) -> None:
        self.is_public = is_public

    async def refusal(self, url: str) -> str | None:
        """Why `url` must not be fetched, or None; a host that does not resolve is left to fail as a fetch."""
        parts = urlsplit(url)
        if not parts.hostname:
            return None
        try:
            addresses = await resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
        except (OSError, ValueError):
            return None
        return next((self._refuse(parts.hostname, ip) for ip in addresses if not self.is_public(ip)), None)

    def peer_refusal(self, host: str, peer: object) -> str | None:
        """Why the connection's far end (a socket address from the network stream) is not acceptable, or None."""
        if not isinstance(peer, tuple) or not peer:
            return None
        try:
            ip = ipaddress.ip_address(str(peer[0]).split("%")[0])
        except ValueError:
            return None
        return None if self.is_public(ip) else self._refuse(host, ip)

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
