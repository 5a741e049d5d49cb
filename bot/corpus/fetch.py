"""SSRF-safe HTTP fetching for pages and feeds that users (moderators) ask the bot to read.

A URL typed into Discord must never make the bot talk to itself, the local network or a cloud
metadata service. So every hop is parsed strictly, its host resolved once, every resolved address
checked, and the connection made to that checked address (no second lookup an attacker's DNS could
answer differently). Redirects are followed by hand and re-checked; size, time and content type are
capped. The fetcher is synchronous on purpose: callers run it in ``asyncio.to_thread`` or the CLI.
"""

from __future__ import annotations

import codecs
import contextlib
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import quote, urljoin, urlsplit

from bot.errors import FetchError, UnsafeURLError
from bot.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

ALLOWED_CONTENT_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/xml",
        "application/xml",
        "application/rss+xml",
        "application/atom+xml",
        "text/plain",
    }
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")
_THIS_NETWORK = ipaddress.IPv4Network("0.0.0.0/8")
_LOOPBACK_V4 = ipaddress.IPv4Network("127.0.0.0/8")
_LOOPBACK_V6 = ipaddress.IPv6Address("::1")
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.IPv6Network("64:ff9b:1::/48")
_SIX_TO_FOUR = ipaddress.IPv6Network("2002::/16")
_TEREDO = ipaddress.IPv6Network("2001::/32")
_ULA = ipaddress.IPv6Network("fc00::/7")
_SITE_LOCAL = ipaddress.IPv6Network("fec0::/10")

_HOST_LABEL = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$")
_CHUNK = 64 * 1024
_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")


@dataclass(frozen=True)
class Target:
    """One checked URL: what to ask for (hostname, path) and the normalised form to report."""

    scheme: str
    host: str
    port: int
    path: str
    url: str
    literal_ip: IPAddress | None = None


@dataclass(frozen=True)
class FetchResult:
    """What a fetch returned. ``text`` is ``body`` decoded; both are empty when ``not_modified``."""

    url: str
    status: int
    content_type: str | None
    etag: str | None
    last_modified: str | None
    body: bytes
    text: str
    not_modified: bool = False
    charset: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------------
# URL parsing


def _parse_ipv4_number(part: str) -> int | None:
    """One dotted part the way a browser reads it (hex with 0x, octal with a leading 0)."""
    if not part:
        return None
    try:
        if part[:2] in ("0x", "0X"):
            return int(part[2:], 16) if part[2:] else 0
        if len(part) > 1 and part[0] == "0":
            return int(part[1:], 8)
        return int(part, 10) if part.isdigit() else None
    except ValueError:
        return None


def _ends_in_number(host: str) -> bool:
    """WHATWG rule: a host whose last label is numeric is an IPv4 address (valid or not)."""
    labels = host.split(".")
    if labels[-1] == "" and len(labels) > 1:
        labels = labels[:-1]
    last = labels[-1]
    if last.isdigit():
        return True
    return bool(re.fullmatch(r"0x[0-9a-f]*", last))


def _parse_host_ipv4(host: str) -> ipaddress.IPv4Address | None:
    """Browser (inet_aton-like) IPv4 parsing: ``127.1``, ``0x7f000001``, ``0177.0.0.1`` all count."""
    parts = host.split(".")
    if parts[-1] == "" and len(parts) > 1:
        parts = parts[:-1]
    if len(parts) > 4:
        return None
    numbers = [_parse_ipv4_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    nums = [n for n in numbers if n is not None]
    if any(n > 255 for n in nums[:-1]) or nums[-1] >= 256 ** (5 - len(nums)):
        return None
    value = nums[-1]
    for i, n in enumerate(nums[:-1]):
        value += n * 256 ** (3 - i)
    return ipaddress.IPv4Address(value)


def parse_url(url: str) -> Target:
    """Check a URL's shape (scheme, host, no userinfo or tricks) without resolving or connecting."""
    raw = url.strip()
    if not raw:
        raise UnsafeURLError("That URL is empty.")
    if len(raw) > 4096:
        raise UnsafeURLError("That URL is too long.")
    if any(ord(c) < 0x21 or ord(c) == 0x7F for c in raw) or "\\" in raw:
        raise UnsafeURLError("That URL contains spaces, control characters or backslashes.")
    try:
        parts = urlsplit(raw)
    except ValueError as exc:
        raise UnsafeURLError("That URL could not be parsed.") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise UnsafeURLError("Only http:// and https:// URLs can be fetched.")
    netloc = parts.netloc
    if "@" in netloc:
        raise UnsafeURLError("URLs with a user name or password are not allowed.")
    if not netloc:
        raise UnsafeURLError("That URL has no host.")
    try:
        port = parts.port
    except ValueError as exc:
        raise UnsafeURLError("That URL has an invalid port.") from exc
    if port is None:
        port = 443 if scheme == "https" else 80
    if not 0 < port < 65536:
        raise UnsafeURLError("That URL has an invalid port.")
    raw_host = parts.hostname or ""
    if not raw_host:
        raise UnsafeURLError("That URL has no host.")

    literal: IPAddress | None = None
    if netloc.startswith("["):
        if "%" in raw_host:
            raise UnsafeURLError("IPv6 zone identifiers are not allowed.")
        try:
            literal = ipaddress.IPv6Address(raw_host)
        except ValueError as exc:
            raise UnsafeURLError("That URL has an invalid IPv6 address.") from exc
        host = str(literal)
        host_for_url = f"[{host}]"
    else:
        if "%" in raw_host or "[" in raw_host or "]" in raw_host:
            raise UnsafeURLError("That URL has an invalid host name.")
        try:
            host = raw_host.encode("idna").decode("ascii").lower()
        except UnicodeError as exc:
            raise UnsafeURLError("That URL has an invalid host name.") from exc
        if _ends_in_number(host):
            literal = _parse_host_ipv4(host)
            if literal is None or str(literal) != host:
                # 2130706433, 0x7f000001, 0177.0.0.1, 127.1 ...: browsers read these as IP
                # addresses; refusing them avoids any disagreement about which one is meant.
                raise UnsafeURLError("That URL spells an IP address in a non-standard way.")
        else:
            name = host[:-1] if host.endswith(".") else host
            if len(name) > 253 or not all(_HOST_LABEL.match(label) for label in name.split(".")):
                raise UnsafeURLError("That URL has an invalid host name.")
        host_for_url = host

    path = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        path += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    default_port = 443 if scheme == "https" else 80
    port_part = "" if port == default_port else f":{port}"
    return Target(scheme, host, port, path, f"{scheme}://{host_for_url}{port_part}{path}", literal)


# --------------------------------------------------------------------------------------------
# Address checks


def _v4_problem(ip: ipaddress.IPv4Address, allow_loopback: bool) -> str | None:
    if ip in _LOOPBACK_V4:
        return None if allow_loopback else "a loopback address"
    if ip in _CGNAT:
        return "a carrier-grade NAT address"
    if ip.is_unspecified or ip in _THIS_NETWORK:
        return "an unspecified address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip.is_private:
        return "a private address"
    if ip.is_reserved or ip == ipaddress.IPv4Address("255.255.255.255"):
        return "a reserved address"
    if not ip.is_global:
        return "a non-public address"
    return None


def address_problem(ip: IPAddress, *, allow_loopback: bool = False) -> str | None:
    """Why this address must not be contacted, or None when it is a public unicast address.

    ``allow_loopback`` lets plain 127.0.0.0/8 and ::1 through (tests only); embedded or mapped
    forms of loopback stay refused.
    """
    if isinstance(ip, ipaddress.IPv4Address):
        return _v4_problem(ip, allow_loopback)
    if ip == _LOOPBACK_V6:
        return None if allow_loopback else "a loopback address"
    embedded: ipaddress.IPv4Address | None = None
    if ip.ipv4_mapped is not None:
        embedded = ip.ipv4_mapped
    elif ip.sixtofour is not None:
        embedded = ip.sixtofour
    elif ip in _NAT64 or ip in _IPV4_COMPATIBLE:
        embedded = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if embedded is not None and _v4_problem(embedded, False) is not None:
        return "an address that embeds a non-public IPv4 address"
    if ip in _IPV4_COMPATIBLE or ip in _NAT64 or ip in _NAT64_LOCAL or ip.ipv4_mapped is not None:
        return "an IPv4-translated address"
    if ip in _TEREDO:
        return "a Teredo tunnel address"
    if ip.is_unspecified:
        return "an unspecified address"
    if ip.is_loopback:
        return "a loopback address"
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_multicast:
        return "a multicast address"
    if ip in _ULA or ip in _SITE_LOCAL or ip.is_site_local:
        return "a private address"
    if ip.is_private or ip.is_reserved or not ip.is_global:
        return "a non-public address"
    return None


def resolve_host(host: str, port: int) -> list[str]:
    """All addresses the host resolves to. Tests replace this to keep DNS out of the picture."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    return [str(info[4][0]) for info in infos]


def _connect(address: str, port: int, timeout: float) -> socket.socket:
    """Open a TCP connection to an already-checked address (a seam tests use to spy on connects)."""
    return socket.create_connection((address, port), timeout=timeout)


# --------------------------------------------------------------------------------------------
# HTTP


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to a pinned, pre-checked IP while the Host header keeps the user's host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self) -> None:
        self.sock = _connect(self._address, self.port, self.timeout)  # type: ignore[arg-type]


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a pinned IP; SNI and certificate checks use the host name, not the IP."""

    def __init__(self, host: str, port: int, address: str, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address
        self._ctx = context

    def connect(self) -> None:
        sock = _connect(self._address, self.port, self.timeout)  # type: ignore[arg-type]
        try:
            self.sock = self._ctx.wrap_socket(sock, server_hostname=self.host)
        except BaseException:
            sock.close()
            raise


class _Watchdog:
    """Shuts the socket down at the deadline so a slow-drip server cannot stretch the total time."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self.fired = False
        self._sock = sock
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)

    def cancel(self) -> None:
        self._timer.cancel()


def _media_type(value: str | None) -> tuple[str | None, str | None]:
    """Split a Content-Type header into (media type, charset)."""
    if not value:
        return None, None
    pieces = value.split(";")
    media = pieces[0].strip().lower() or None
    charset = None
    for piece in pieces[1:]:
        key, _, val = piece.partition("=")
        if key.strip().lower() == "charset":
            charset = val.strip().strip("\"'") or None
    return media, charset


def content_type_allowed(media: str | None) -> bool:
    """Only markup, feeds and plain text are worth reading; images, PDFs and binaries are not."""
    if media is None:
        return False
    if media in ALLOWED_CONTENT_TYPES:
        return True
    return media.startswith("application/") and media.endswith("+xml")


def _valid_codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_body(body: bytes, header_charset: str | None) -> tuple[str, str]:
    """Decode with the BOM, then the header charset, then a meta/XML sniff, then UTF-8 (lossy)."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(enc, errors="replace"), enc
    charset = _valid_codec(header_charset)
    if charset is None:
        head = body[:_SNIFF_BYTES]
        match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
        if match:
            charset = _valid_codec(match.group(1).decode("ascii", "replace"))
    if charset is None:
        charset = "utf-8"
    return body.decode(charset, errors="replace"), charset


class Fetcher:
    """Fetches http(s) URLs under the limits in Settings, refusing anything non-public.

    ``allow_loopback`` exists only so tests can talk to a server on 127.0.0.1; it admits plain
    loopback addresses and nothing else, and no setting or environment variable turns it on.
    """

    def __init__(self, settings: Settings, *, allow_loopback: bool = False) -> None:
        self.timeout = float(settings.fetch_timeout_seconds)
        self.max_bytes = int(settings.fetch_max_bytes)
        self.max_redirects = int(settings.fetch_max_redirects)
        self.user_agent = settings.fetch_user_agent
        self.allow_loopback = bool(allow_loopback)
        self._ssl_context = ssl.create_default_context()

    # -- checks ---------------------------------------------------------------------------------

    def check_url(self, url: str) -> tuple[Target, list[str]]:
        """Parse and resolve a URL; refuse it if any address it resolves to is not public."""
        target = parse_url(url)
        host = target.host
        if not self.allow_loopback and (
            host.rstrip(".") == "localhost" or host.rstrip(".").endswith(".localhost")
        ):
            raise UnsafeURLError(f"{host} is a local address and cannot be fetched.")
        if target.literal_ip is not None:
            raw_addresses = [str(target.literal_ip)]
        else:
            try:
                raw_addresses = resolve_host(host, target.port)
            except (OSError, UnicodeError) as exc:
                raise FetchError(f"Could not find the host {host}.") from exc
        if not raw_addresses:
            raise FetchError(f"Could not find the host {host}.")
        addresses: list[str] = []
        for raw in raw_addresses:
            try:
                ip = ipaddress.ip_address(raw.split("%", 1)[0])
            except ValueError as exc:
                raise UnsafeURLError(f"{host} resolved to something that is not an IP address.") from exc
            if isinstance(ip, ipaddress.IPv6Address) and "%" in raw:
                raise UnsafeURLError(f"{host} resolves to a scoped (link-local) address.")
            problem = address_problem(ip, allow_loopback=self.allow_loopback)
            if problem is not None:
                raise UnsafeURLError(f"{host} points to {problem} and cannot be fetched.")
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
                ip = ip.ipv4_mapped
            if str(ip) not in addresses:
                addresses.append(str(ip))
        return target, addresses

    # -- fetching -------------------------------------------------------------------------------

    def fetch(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET a URL, following at most ``fetch_max_redirects`` redirects, each hop re-checked."""
        deadline = time.monotonic() + self.timeout
        current = url
        for hop in range(self.max_redirects + 1):
            target, addresses = self.check_url(current)
            result = self._fetch_once(target, addresses, deadline, etag, last_modified)
            if isinstance(result, FetchResult):
                return result
            location = result
            if hop >= self.max_redirects:
                break
            current = urljoin(target.url, location)
        raise UnsafeURLError(f"Too many redirects (more than {self.max_redirects}).")

    def _remaining(self, deadline: float, host: str) -> float:
        left = deadline - time.monotonic()
        if left <= 0:
            raise FetchError(f"{host} took too long to answer.")
        return left

    def _open(self, target: Target, addresses: list[str], deadline: float) -> http.client.HTTPConnection:
        """Connect to the first reachable checked address."""
        last_error: OSError | None = None
        for address in addresses:
            timeout = self._remaining(deadline, target.host)
            conn: http.client.HTTPConnection
            if target.scheme == "https":
                conn = _PinnedHTTPSConnection(target.host, target.port, address, timeout, self._ssl_context)
            else:
                conn = _PinnedHTTPConnection(target.host, target.port, address, timeout)
            try:
                conn.connect()
                return conn
            except ssl.SSLError as exc:
                conn.close()
                raise FetchError(f"The secure connection to {target.host} failed.") from exc
            except TimeoutError as exc:
                conn.close()
                raise FetchError(f"{target.host} took too long to answer.") from exc
            except OSError as exc:
                conn.close()
                last_error = exc
        raise FetchError(f"Could not connect to {target.host}.") from last_error

    def _fetch_once(
        self,
        target: Target,
        addresses: list[str],
        deadline: float,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult | str:
        """One request; returns the result, or the Location to follow for a redirect."""
        host = target.host
        conn = self._open(target, addresses, deadline)
        sock = conn.sock
        assert isinstance(sock, socket.socket)
        watchdog = _Watchdog(sock, deadline - time.monotonic())
        try:
            headers = {
                "User-Agent": self.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,"
                "application/rss+xml,application/atom+xml,text/plain;q=0.8",
                "Accept-Encoding": "gzip, deflate",
                "Connection": "close",
            }
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            conn.request("GET", target.path, headers=headers)
            response = conn.getresponse()
            if watchdog.fired:
                raise FetchError(f"{host} took too long to answer.")
            status = response.status
            resp_headers = {k.lower(): v for k, v in response.getheaders()}
            if status in REDIRECT_STATUSES:
                location = response.getheader("Location")
                if not location:
                    raise FetchError(f"{host} sent a redirect without a destination.")
                return location.strip()
            if status == 304:
                return FetchResult(
                    url=target.url,
                    status=status,
                    content_type=None,
                    etag=response.getheader("ETag") or etag,
                    last_modified=response.getheader("Last-Modified") or last_modified,
                    body=b"",
                    text="",
                    not_modified=True,
                    headers=resp_headers,
                )
            if status >= 400:
                raise FetchError(f"{host} answered with HTTP error {status}.")
            if not 200 <= status < 300:
                raise FetchError(f"{host} answered with an unexpected HTTP status {status}.")
            media, charset = _media_type(response.getheader("Content-Type"))
            if not content_type_allowed(media):
                shown = media or "no content type"
                raise FetchError(f"{host} sent {shown}, which is not a web page or feed.")
            length = response.getheader("Content-Length")
            if length is not None and length.strip().isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"The page at {host} is too large (over {self._limit_text()}).")
            body = self._read_body(response, sock, host, deadline)
            if watchdog.fired:
                raise FetchError(f"{host} took too long to answer.")
            encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
            body = self._decompress(body, encoding, host)
            text, used_charset = decode_body(body, charset)
            return FetchResult(
                url=target.url,
                status=status,
                content_type=media,
                etag=response.getheader("ETag"),
                last_modified=response.getheader("Last-Modified"),
                body=body,
                text=text,
                not_modified=False,
                charset=used_charset,
                headers=resp_headers,
            )
        except (FetchError, UnsafeURLError):
            raise
        except (TimeoutError, http.client.HTTPException, OSError) as exc:
            if watchdog.fired or isinstance(exc, TimeoutError) or time.monotonic() >= deadline:
                raise FetchError(f"{host} took too long to answer.") from exc
            raise FetchError(f"The connection to {host} failed.") from exc
        finally:
            watchdog.cancel()
            conn.close()

    def _limit_text(self) -> str:
        if self.max_bytes >= 1024 * 1024:
            return f"{self.max_bytes // (1024 * 1024)} MB"
        return f"{self.max_bytes} bytes"

    def _read_body(
        self, response: http.client.HTTPResponse, sock: socket.socket, host: str, deadline: float
    ) -> bytes:
        """Stream the body, aborting as soon as it passes the size cap or the deadline."""
        chunks: list[bytes] = []
        total = 0
        while True:
            sock.settimeout(self._remaining(deadline, host))
            chunk = response.read1(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > self.max_bytes:
                raise FetchError(f"The page at {host} is too large (over {self._limit_text()}).")
            chunks.append(chunk)
        return b"".join(chunks)

    def _decompress(self, body: bytes, encoding: str, host: str) -> bytes:
        """Undo gzip/deflate without letting a small bomb expand past the size cap."""
        if encoding in ("identity", ""):
            return body
        if encoding in ("gzip", "x-gzip"):
            attempts = [47]
        elif encoding == "deflate":
            attempts = [15, -15]  # zlib-wrapped per the RFC, raw in practice
        else:
            raise FetchError(f"{host} sent an unsupported content encoding ({encoding}).")
        for wbits in attempts:
            decomp = zlib.decompressobj(wbits)
            try:
                out = decomp.decompress(body, self.max_bytes + 1)
            except zlib.error:
                continue
            if decomp.unconsumed_tail or len(out) > self.max_bytes:
                raise FetchError(f"The page at {host} is too large (over {self._limit_text()}).")
            return out
        raise FetchError(f"{host} sent a page that could not be decompressed.")
