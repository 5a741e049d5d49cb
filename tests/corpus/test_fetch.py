"""SSRF and limits tests for the fetcher, against real listeners on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator

import pytest

from bot.corpus.fetch import Fetcher, FetchResult, address_problem, parse_url
from bot.errors import FetchError, UnsafeURLError
from bot.settings import Settings
from tests.corpus.loopback_http import LocalServer, Reply
from tests.loopback import loopback_fetcher as make_loopback_fetcher

HTML = b"<html><head><title>Local page</title></head><body><p>Synthetic words for a test.</p></body></html>"


@pytest.fixture(autouse=True)
def _no_real_dns(fake_dns: dict[str, list[str]]) -> None:
    """Every test here runs with the fake resolver, so nothing reaches real DNS."""


def make_settings(**overrides: object) -> Settings:
    values: dict[str, object] = {"fetch_timeout_seconds": 2.0, "fetch_max_bytes": 100_000}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


def safe_fetcher(**overrides: object) -> Fetcher:
    return Fetcher(make_settings(**overrides))


def loopback_fetcher(**overrides: object) -> Fetcher:
    """The test-only switch: plain loopback is allowed so the local server can be reached."""
    return make_loopback_fetcher(make_settings(**overrides))


# -- refused before any connection ---------------------------------------------------------------

REFUSED_TEMPLATES = [
    "http://127.0.0.1:{port}/",
    "http://127.0.0.2:{port}/",
    "http://localhost:{port}/",
    "http://LOCALHOST.:{port}/",
    "http://2130706433:{port}/",
    "http://0x7f000001:{port}/",
    "http://0177.0.0.1:{port}/",
    "http://127.1:{port}/",
    "http://127.0.1:{port}/",
    "http://[::1]:{port}/",
    "http://[::ffff:127.0.0.1]:{port}/",
    "http://[::ffff:7f00:1]:{port}/",
    "http://[64:ff9b::7f00:1]:{port}/",
    "http://[::127.0.0.1]:{port}/",
    "http://[2002:7f00:1::]:{port}/",
    "http://[fe80::1]:{port}/",
    "http://[fc00::1]:{port}/",
    "http://[fec0::1]:{port}/",
    "http://169.254.169.254/latest/meta-data/",
    "http://10.0.0.1:{port}/",
    "http://172.16.0.1:{port}/",
    "http://192.168.1.1:{port}/",
    "http://100.64.0.1:{port}/",
    "http://0.0.0.0:{port}/",
    "http://224.0.0.1:{port}/",
    "http://255.255.255.255:{port}/",
    "http://user@127.0.0.1:{port}/",
    "http://user:pw@example.com/",
    "http://example.com@127.0.0.1:{port}/",
    "http://evil.com\\@127.0.0.1:{port}/",
    "http://127.0.0.1:{port}\\@evil.com/",
    "http://%31%32%37.0.0.1:{port}/",
    "http:///nohost",
    "http://:{port}/",
    "file:///etc/passwd",
    "ftp://127.0.0.1:{port}/",
    "gopher://127.0.0.1:{port}/_GET",
    "javascript:alert(1)",
    "//127.0.0.1:{port}/",
    "http://127.0.0.1:{port}/a\nb",
]


@pytest.mark.parametrize("template", REFUSED_TEMPLATES)
def test_refused_without_connecting(
    template: str, local_server: LocalServer, connect_log: list[tuple[str, int]]
) -> None:
    local_server.routes["/"] = Reply(body=HTML)
    url = template.format(port=local_server.port)
    with pytest.raises(UnsafeURLError) as info:
        safe_fetcher().fetch(url)
    assert info.value.user_message
    assert "Traceback" not in info.value.user_message
    assert connect_log == []
    assert local_server.connections == 0


@pytest.mark.parametrize(
    "addresses",
    [["127.0.0.1"], ["10.0.0.1"], ["169.254.169.254"], ["93.184.216.34", "192.168.0.5"], ["::ffff:10.0.0.1"]],
)
def test_hostname_resolving_to_private_address_is_refused(
    addresses: list[str],
    fake_dns: dict[str, list[str]],
    local_server: LocalServer,
    connect_log: list[tuple[str, int]],
) -> None:
    fake_dns["evil.test"] = addresses
    with pytest.raises(UnsafeURLError, match=r"evil\.test"):
        safe_fetcher().fetch(f"http://evil.test:{local_server.port}/")
    assert connect_log == []
    assert local_server.connections == 0


def test_default_fetcher_refuses_local_server(
    local_server: LocalServer, connect_log: list[tuple[str, int]]
) -> None:
    local_server.routes["/"] = Reply(body=HTML)
    with pytest.raises(UnsafeURLError, match="loopback"):
        Fetcher(make_settings()).fetch(local_server.url("/"))
    assert local_server.connections == 0
    assert connect_log == []


def test_loopback_switch_admits_only_plain_loopback() -> None:
    import ipaddress

    assert address_problem(ipaddress.ip_address("127.0.0.1"), allow_loopback=True) is None
    assert address_problem(ipaddress.ip_address("::1"), allow_loopback=True) is None
    for other in ["::ffff:127.0.0.1", "10.0.0.1", "169.254.169.254", "0.0.0.0", "64:ff9b::7f00:1"]:
        assert address_problem(ipaddress.ip_address(other), allow_loopback=True) is not None
    assert address_problem(ipaddress.ip_address("93.184.216.34")) is None
    assert address_problem(ipaddress.ip_address("2606:4700::1111")) is None


def test_loopback_switch_is_off_by_default_even_with_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BRIEFBOT_ALLOW_LOOPBACK", "1")
    monkeypatch.setenv("BRIEFBOT_FETCH_ALLOW_LOOPBACK", "true")
    assert Fetcher(Settings(_env_file=None)).allow_loopback is False  # type: ignore[call-arg]


def test_unresolvable_host_is_a_fetch_error(connect_log: list[tuple[str, int]]) -> None:
    with pytest.raises(FetchError, match=r"nowhere\.test"):
        safe_fetcher().fetch("http://nowhere.test/")
    assert connect_log == []


def test_parse_url_normalises_and_drops_fragment() -> None:
    target = parse_url("HTTP://Example.COM/path?q=1#frag")
    assert target.url == "http://example.com/path?q=1"
    assert target.host == "example.com"
    assert target.port == 80


# -- happy path and redirects --------------------------------------------------------------------


def test_fetch_ok_with_host_header_and_charset(local_server: LocalServer) -> None:
    local_server.routes["/page"] = Reply(
        body="<p>café</p>".encode("latin-1"),
        headers={"Content-Type": "text/html; charset=ISO-8859-1", "ETag": '"v1"'},
    )
    result = loopback_fetcher().fetch(local_server.url("/page"))
    assert isinstance(result, FetchResult)
    assert result.status == 200
    assert result.content_type == "text/html"
    assert result.text == "<p>café</p>"
    assert result.etag == '"v1"'
    assert result.not_modified is False
    assert local_server.requests[0].headers["host"] == f"127.0.0.1:{local_server.port}"


def test_hostname_connects_to_checked_address(
    fake_dns: dict[str, list[str]], local_server: LocalServer, connect_log: list[tuple[str, int]]
) -> None:
    fake_dns["news.test"] = ["127.0.0.1"]
    local_server.routes["/"] = Reply(body=HTML)
    result = loopback_fetcher().fetch(f"http://news.test:{local_server.port}/")
    assert result.status == 200
    assert connect_log == [("127.0.0.1", local_server.port)]
    assert local_server.requests[0].headers["host"] == f"news.test:{local_server.port}"


def test_meta_charset_sniffed(local_server: LocalServer) -> None:
    body = '<html><head><meta charset="windows-1252"></head><body>naïve</body></html>'.encode("cp1252")
    local_server.routes["/"] = Reply(body=body, headers={"Content-Type": "text/html"})
    assert "naïve" in loopback_fetcher().fetch(local_server.url("/")).text


def test_xml_declaration_sniffed(local_server: LocalServer) -> None:
    body = '<?xml version="1.0" encoding="iso-8859-1"?><rss><x>façade</x></rss>'.encode("latin-1")
    local_server.routes["/"] = Reply(body=body, headers={"Content-Type": "application/rss+xml"})
    assert "façade" in loopback_fetcher().fetch(local_server.url("/")).text


def test_gzip_body_is_decoded(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(
        body=gzip.compress(HTML), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"}
    )
    assert loopback_fetcher().fetch(local_server.url("/")).body == HTML


def test_gzip_bomb_is_capped(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(
        body=gzip.compress(b"a" * 1_000_000),
        headers={"Content-Type": "text/html", "Content-Encoding": "gzip"},
    )
    with pytest.raises(FetchError, match="too large"):
        loopback_fetcher().fetch(local_server.url("/"))


def test_redirect_followed_and_final_url_reported(local_server: LocalServer) -> None:
    local_server.routes["/old"] = Reply(301, headers={"Location": "/new"})
    local_server.routes["/new"] = Reply(body=HTML)
    result = loopback_fetcher().fetch(local_server.url("/old"))
    assert result.url == local_server.url("/new")
    assert [r.path for r in local_server.requests] == ["/old", "/new"]


@pytest.mark.parametrize(
    "location",
    [
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::ffff:169.254.169.254]/",
        "http://2130706433/",
        "http://internal.test/",
        "file:///etc/passwd",
        "http://user@127.0.0.1/",
    ],
)
def test_redirect_to_forbidden_target_is_refused(
    location: str,
    fake_dns: dict[str, list[str]],
    local_server: LocalServer,
    connect_log: list[tuple[str, int]],
) -> None:
    fake_dns["internal.test"] = ["10.1.2.3"]
    local_server.routes["/go"] = Reply(302, headers={"Location": location})
    with pytest.raises(UnsafeURLError):
        loopback_fetcher().fetch(local_server.url("/go"))
    assert connect_log == [("127.0.0.1", local_server.port)]
    assert local_server.connections == 1


def test_too_many_redirects(local_server: LocalServer) -> None:
    for i in range(10):
        local_server.routes[f"/r{i}"] = Reply(302, headers={"Location": f"/r{i + 1}"})
    local_server.routes["/r5"] = Reply(body=HTML)
    # Exactly five redirects is fine...
    assert loopback_fetcher().fetch(local_server.url("/r0")).url == local_server.url("/r5")
    # ...six is not, and the sixth target is never requested.
    local_server.routes["/r5"] = Reply(302, headers={"Location": "/r6"})
    local_server.requests.clear()
    with pytest.raises(UnsafeURLError, match="redirects"):
        loopback_fetcher().fetch(local_server.url("/r0"))
    assert [r.path for r in local_server.requests] == [f"/r{i}" for i in range(6)]


# -- limits ----------------------------------------------------------------------------------------


def test_oversize_by_content_length(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(body=b"a" * 200_000)
    with pytest.raises(FetchError, match="too large"):
        loopback_fetcher().fetch(local_server.url("/"))


def test_oversize_by_streaming_without_length(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(body=b"<p>", content_length=False, stream_forever=True)
    started = time.monotonic()
    with pytest.raises(FetchError, match="too large"):
        loopback_fetcher().fetch(local_server.url("/"))
    assert time.monotonic() - started < 2


def test_slow_server_times_out(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(body=HTML, delay=5)
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long"):
        loopback_fetcher(fetch_timeout_seconds=0.5).fetch(local_server.url("/"))
    assert time.monotonic() - started < 2


def test_dripping_headers_hit_the_total_deadline(local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(drip=0.1)
    started = time.monotonic()
    with pytest.raises(FetchError, match="too long"):
        loopback_fetcher(fetch_timeout_seconds=0.8).fetch(local_server.url("/"))
    assert time.monotonic() - started < 2


@pytest.mark.parametrize("ctype", ["image/png", "application/octet-stream", "application/pdf", None])
def test_disallowed_content_type(ctype: str | None, local_server: LocalServer) -> None:
    headers = {"Content-Type": ctype} if ctype else {}
    local_server.routes["/"] = Reply(body=b"\x89PNG....", headers=headers)
    with pytest.raises(FetchError, match="not a web page or feed"):
        loopback_fetcher().fetch(local_server.url("/"))


@pytest.mark.parametrize(
    "ctype", ["text/plain", "application/xhtml+xml", "application/atom+xml", "application/feed+xml"]
)
def test_allowed_content_types(ctype: str, local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(body=b"<x/>", headers={"Content-Type": ctype})
    assert loopback_fetcher().fetch(local_server.url("/")).content_type == ctype


@pytest.mark.parametrize("status", [404, 500, 403])
def test_http_errors(status: int, local_server: LocalServer) -> None:
    local_server.routes["/"] = Reply(status, body=b"nope")
    with pytest.raises(FetchError, match=str(status)):
        loopback_fetcher().fetch(local_server.url("/"))


def test_connection_refused_is_fetch_error() -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(FetchError, match="connect"):
        loopback_fetcher().fetch(f"http://127.0.0.1:{port}/")


def test_conditional_get_304(local_server: LocalServer) -> None:
    def route(seen: object) -> Reply:
        from tests.corpus.loopback_http import Seen

        assert isinstance(seen, Seen)
        if seen.headers.get("if-none-match") == '"abc"':
            return Reply(304, headers={"ETag": '"abc"'}, content_length=False)
        return Reply(
            body=HTML,
            headers={
                "Content-Type": "text/html",
                "ETag": '"abc"',
                "Last-Modified": "Wed, 01 May 2024 10:00:00 GMT",
            },
        )

    local_server.routes["/"] = route
    first = loopback_fetcher().fetch(local_server.url("/"))
    assert first.etag == '"abc"' and first.last_modified == "Wed, 01 May 2024 10:00:00 GMT"
    second = loopback_fetcher().fetch(
        local_server.url("/"), etag=first.etag, last_modified=first.last_modified
    )
    assert second.not_modified is True
    assert second.status == 304
    assert second.body == b"" and second.text == ""
    assert second.etag == '"abc"'
    assert local_server.requests[1].headers["if-modified-since"] == "Wed, 01 May 2024 10:00:00 GMT"


# -- HTTPS: connect to the checked IP, but SNI and certificate checks use the host name ----------


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A throwaway CA and a leaf certificate for news.test, made with the openssl CLI."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.fail("the openssl command is needed for the HTTPS tests")
    d = tmp_path_factory.mktemp("tls")
    ext = d / "leaf.ext"
    ext.write_text("subjectAltName=DNS:news.test\nbasicConstraints=CA:FALSE\n")
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    commands = [
        [
            "openssl",
            "req",
            "-x509",
            *ec,
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "2",
            "-subj",
            "/CN=briefbot test CA",
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign",
        ],
        ["openssl", "req", *ec, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=news.test"],
        [
            "openssl",
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "leaf.pem",
            "-days",
            "2",
            "-extfile",
            "leaf.ext",
        ],
    ]
    for command in commands:
        subprocess.run(command, cwd=d, check=True, capture_output=True, timeout=60)
    return {"ca": str(d / "ca.pem"), "cert": str(d / "leaf.pem"), "key": str(d / "leaf.key")}


@pytest.fixture
def tls_server(tls_files: dict[str, str]) -> Iterator[tuple[LocalServer, list[str | None]]]:
    import ssl

    server = LocalServer()
    server.routes["/"] = Reply(body=HTML)
    names: list[str | None] = []
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(tls_files["cert"], tls_files["key"])
    context.sni_callback = lambda _sock, name, _ctx: names.append(name)  # type: ignore[assignment, func-returns-value]
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    server.start()
    try:
        yield server, names
    finally:
        server.close()


def _trusting(fetcher: Fetcher, ca: str) -> Fetcher:
    import ssl

    fetcher._ssl_context = ssl.create_default_context(cafile=ca)
    return fetcher


def test_https_uses_hostname_for_sni_and_verification(
    tls_server: tuple[LocalServer, list[str | None]],
    tls_files: dict[str, str],
    fake_dns: dict[str, list[str]],
    connect_log: list[tuple[str, int]],
) -> None:
    server, names = tls_server
    fake_dns["news.test"] = ["127.0.0.1"]
    result = _trusting(loopback_fetcher(), tls_files["ca"]).fetch(f"https://news.test:{server.port}/")
    assert result.status == 200 and result.body == HTML
    assert names == ["news.test"]
    assert connect_log == [("127.0.0.1", server.port)]
    assert server.requests[0].headers["host"] == f"news.test:{server.port}"


def test_https_certificate_for_another_name_is_refused(
    tls_server: tuple[LocalServer, list[str | None]],
    tls_files: dict[str, str],
    fake_dns: dict[str, list[str]],
) -> None:
    server, _ = tls_server
    fake_dns["other.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError, match="secure connection"):
        _trusting(loopback_fetcher(), tls_files["ca"]).fetch(f"https://other.test:{server.port}/")
    assert server.requests == []


def test_https_untrusted_certificate_is_refused(
    tls_server: tuple[LocalServer, list[str | None]], fake_dns: dict[str, list[str]]
) -> None:
    server, _ = tls_server
    fake_dns["news.test"] = ["127.0.0.1"]
    with pytest.raises(FetchError, match="secure connection"):
        loopback_fetcher().fetch(f"https://news.test:{server.port}/")
    assert server.requests == []
