"""Which addresses a full-text page may come from: public ones, and the feed's own loopback or private network.

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
    ip = _unmapped(ip)
    return ip.is_global and not ip.is_multicast


# Where clouds answer with their instances' credentials (AWS, Azure, GCP; AWS ECS and IPv6; Alibaba).
# Never a page's address, whatever network the feed is on.
CLOUD_METADATA = frozenset(map(ipaddress.ip_address, (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200")))
_PRIVATE_NETWORKS = tuple(map(ipaddress.ip_network, ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")))


def network_kind(ip: IPAddress) -> str:
    """What kind of address `ip` is, in the words a refusal uses: "public", "loopback", "private" or another."""
    ip = _unmapped(ip)
    if ip in CLOUD_METADATA:
        return "cloud metadata"
    if ip.is_loopback:
        return "loopback"
    if any(ip in network for network in _PRIVATE_NETWORKS):
        return "private"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    return "public" if is_public_address(ip) else "reserved or special-purpose"


def host_at(host: str, ip: IPAddress) -> str:
    """"example.org is at 10.0.0.1,", or "169.254.169.254 is" for an address given as the host: never "X is at X"."""
    try:
        given = ipaddress.ip_address(host.strip("[]").split("%")[0])
    except ValueError:
        return f"{host} is at {ip},"
    return f"{host} is" if given == ip else f"{host} is at {ip},"


def _unmapped(ip: IPAddress) -> IPAddress:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


async def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to (an IP literal is itself: no lookup, no thread)."""
    try:
        return [ipaddress.ip_address(host.split("%")[0])]
    except ValueError:
        pass  # a name
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]


class AddressRefused(Exception):
    """A page's host is at an address the guard does not accept; the message says which and why."""


class PublicOnly:
    """Vets a page's host before it is fetched: every address it resolves to must be public, or on `networks`."""

    def __init__(self, is_public: AddressCheck = is_public_address, networks: frozenset[str] = frozenset()) -> None:
        self.is_public = is_public
        self.networks = networks  # kinds of network (network_kind) accepted besides public: the feed's own

    def accepts(self, ip: IPAddress) -> bool:
        return self.is_public(ip) or network_kind(ip) in self.networks

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
        refused = next((ip for ip in addresses if not self.accepts(ip)), None)
        if refused is not None:
            raise AddressRefused(self._refuse(host, refused))
        return list(dict.fromkeys(str(ip) for ip in addresses))

    def _refuse(self, host: str, ip: IPAddress) -> str:
        kind = network_kind(ip)
        if self.networks:
            return (f"refused: {host_at(host, ip)} a {kind} address; pages are fetched only from public addresses "
                    f"and the feed's own ({' and '.join(sorted(self.networks))}) network")
        return (f"refused: {host_at(host, ip)} a {kind} address; pages are fetched only "
                "from public addresses unless the feed itself is on a loopback or private network")

    async def for_feed(self, feed_url: str) -> PublicOnly:
        """The guard for a feed's pages: this one, or, for a feed on a loopback or private network, one that also
        accepts pages on that kind of network (a local RSS bridge, an intranet).

        Never link-local or cloud metadata addresses: a local feed that links to
        http://169.254.169.254/ would hand the instance's credentials to the store and the digest.
        """
        parts = urlsplit(feed_url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            return self  # a local file: its links get no exemption
        try:
            addresses = await resolve(parts.hostname, parts.port or 80)
        except (OSError, ValueError):
            return self
        networks = frozenset(network_kind(ip) for ip in addresses if not self.is_public(ip)) & {"loopback", "private"}
        return PublicOnly(self.is_public, networks) if networks else self


def is_feed_address(ip: IPAddress) -> bool:
    """True for any address a feed may be on (public, a private network, this computer), but not where no feed is.

    Never a link-local or cloud metadata address, where a cloud machine hands out its credentials:
    a feed, a redirect or a page's alternate link naming one would make the reader ask for them.
    """
    ip = _unmapped(ip)
    return network_kind(ip) not in ("cloud metadata", "link-local") and not (ip.is_multicast or ip.is_unspecified)


class FeedAddresses(PublicOnly):
    """The guard of every fetch that is not a full-text page (feeds, their redirects, `feeds add`, `show URL`).

    The address the user gave may be on any network a feed can be on; where it redirects is the
    server's choice, so a redirect is held to the rule of full-text pages (see for_redirects).
    """

    def __init__(self, is_public: AddressCheck = is_public_address) -> None:
        super().__init__(is_feed_address)
        self.is_public_for_redirects = is_public  # which addresses count as public for a redirect (tests: loopback)

    def _refuse(self, host: str, ip: IPAddress) -> str:
        kind = network_kind(ip)
        if kind == "unspecified":  # 0.0.0.0 or ::, which a server listens on and no request can go to
            return (f"refused: {host_at(host, ip)} the unspecified address, which names no server; for a feed on "
                    "this computer use 127.0.0.1 (or localhost)")
        if kind == "multicast":
            return f"refused: {host_at(host, ip)} a multicast address, which names a group, never one server"
        return (f"refused: {host_at(host, ip)} a {kind} address, where no feed is; the reader never "
                "fetches from link-local or cloud metadata addresses")

    def for_redirects(self, asked: list[str]) -> PublicOnly:
        """The guard of the redirects from an address at `asked` (the addresses it was fetched from).

        Public addresses, and the networks the asked address is on: a feed on the internet whose
        server answers 301 to http://192.168.1.1/ or http://127.0.0.1:2375/ would otherwise make the
        reader send a request into the user's own network at every refresh (and remember the move).
        """
        kinds = frozenset(network_kind(ipaddress.ip_address(a)) for a in asked
                          if not self.is_public_for_redirects(ipaddress.ip_address(a)))
        return RedirectAddresses(self.is_public_for_redirects, kinds)

    async def for_links_of(self, page_url: str) -> PublicOnly:
        """The guard of the feed links a page gives (`feeds add PAGE`): the page chose them, as a server chooses
        its redirects; a page whose host no longer resolves gets public addresses only."""
        parts = urlsplit(page_url)
        try:
            addresses = await resolve(parts.hostname or "", parts.port or 80)
        except (OSError, ValueError):
            addresses = []
        return RedirectAddresses(self.is_public_for_redirects, self.for_redirects([str(a) for a in addresses]).networks,
                                 "the page's feed link goes to")


class RedirectAddresses(PublicOnly):
    """A redirect's guard: public addresses and the networks of the address redirected from (FeedAddresses)."""

    def __init__(self, is_public: AddressCheck, networks: frozenset[str], told: str = "the server redirected to"):
        super().__init__(is_public, networks)
        self.told = told  # who sent the reader there, for the refusal

    def _refuse(self, host: str, ip: IPAddress) -> str:
        at = "" if host == str(ip) else f", at {ip}"
        own = " and ".join(sorted(self.networks))
        rule = (f"a site's redirects and links may go only to public addresses and its own ({own}) network" if own
                else "a public site's redirects and links may go only to public addresses, never into your network")
        return f"refused: {self.told} {host}{at}, a {network_kind(ip)} address; {rule}"


FEED_ADDRESSES = FeedAddresses()
