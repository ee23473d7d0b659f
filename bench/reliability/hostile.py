"""Hostile requests: deterministic generation (seeded) and a raw-socket client that sends bytes exactly as given.

Each generated request is (category, bytes). A category names what is odd about it; the trial matches the
categories of non-JSON answers against the README's list of container refusals.
"""
import json
import random
import re
import socket
import time
import urllib.parse

HOST = "127.0.0.1"

ROUTES_POST = ["login", "users.create", "users.createToken", "users.setActiveStatus", "users.delete",
               "permissions.update", "roles.create", "roles.addUserToRole", "roles.removeUserFromRole"]
# read-only routes, safe to call with the admin's token (the database must stay unchanged)
ROUTES_GET_ADMIN = ["users.info", "users.list", "audit.tokens", "roles.list", "permissions.listAll", "me"]
# routes that revoke the caller's own token: only ever called with made-up credentials
ROUTES_REVOKING = ["logout", "users.logout"]

# For each category: words that a README line listing that refusal would contain (all of one alternative).
CATEGORY_WORDS = {
    "header-crlf": [["CR"], ["LF"], ["line break"], ["newline"]],
    "header-nul": [["NUL", "header"]],
    "header-no-colon": [["colon"], ["malformed header"], ["invalid header"]],
    "many-headers": [["headers"]],
    "huge-header": [["header", "size"], ["header", "large"], ["header", "KiB"], ["header", "MB"], ["header", "long"]],
    "missing-host": [["Host"]],
    "bad-host": [["Host"]],
    "http-version": [["version"]],
    "bare-lf": [["LF"], ["line ending"]],
    "cl-te": [["Transfer-Encoding"]],
    "dup-cl": [["Content-Length"]],
    "bad-cl": [["Content-Length"]],
    "bad-chunk": [["chunk"]],
    "te-unknown": [["Transfer-Encoding"]],
    "huge-body": [["Content-Length"], ["body"]],
    "path-utf8": [["UTF-8", "path"], ["path"]],
    "path-nul": [["NUL", "path"], ["path"]],
    "path-webinf": [["WEB-INF"]],
    "path-traversal": [["..", "path"], ["traversal"], ["dot segments"]],
    "path-fuzz": [["characters a URI may not"], ["dot segments"]],
    "path-odd": [["characters a URI may not"]],
    "header-auth": [["header value"]],
    "path-long": [["path"], ["URI"], ["URL"]],
    "path-asterisk": [["*"]],
    "path-absolute": [["absolute"]],
    "query-many": [["parameters"]],
    "query-bad-escape": [["query"], ["escape"], ["percent"]],
    "method-odd": [["method"]],
    "method": [["method"]],
    "method-connect": [["CONNECT"]],
    "garbage": [["garbage"], ["not HTTP"], ["request line"]],
    "method-star": [["*"]],
    "h2-preface": [["HTTP/2"], ["preface"], ["PRI"]],
    "tls": [["TLS"], ["HTTPS"]],
    # not a hostile.py request: the slow trial's header connections, which a server may have no deadline for
    "slow-headers": [["trickl", "headers", "no deadline"]],
}


def _req(method, target, headers, body=b"", version="HTTP/1.1", host=True, close=True, eol=b"\r\n"):
    lines = [f"{method} {target} {version}".encode("latin-1") if isinstance(target, str) else
             method.encode() + b" " + target + b" " + version.encode()]
    if host:
        lines.append(b"Host: 127.0.0.1")
    for h in headers:
        lines.append(h if isinstance(h, bytes) else h.encode("utf-8"))
    if body and not any((h if isinstance(h, bytes) else h.encode()).lower().startswith((b"content-length", b"transfer-encoding"))
                        for h in headers):
        lines.append(f"Content-Length: {len(body)}".encode())
    if close:
        lines.append(b"Connection: close")
    return eol.join(lines) + eol + eol + body


def _auth(kind, plain, admin, rng):
    if kind == "plain":
        return [f"X-User-Id: {plain[0]}", f"X-Auth-Token: {plain[1]}"]
    if kind == "admin":
        return [f"X-User-Id: {admin[0]}", f"X-Auth-Token: {admin[1]}"]
    if kind == "bogus":
        return [f"X-User-Id: {''.join(rng.choice('ABCDEFGHJK23456789') for _ in range(17))}",
                f"X-Auth-Token: {''.join(rng.choice('abcdefXYZ0123-_') for _ in range(43))}"]
    return []


def _rand_string(rng):
    choices = ["", " ", "a" * rng.randint(1, 300), "admin", "Admin", "ADMIN ", "null", "\u0000", "x\u0000y",
               "\u202e\u0301", "💥" * 5, "<script>alert(1)</script>", "' OR 1=1 --", "%00", "../../etc/passwd",
               "\\", "\"", "\ud7ff", "é" * 50, "a@b", "@", "x" * 5000, "${jndi:ldap://127.0.0.1/a}", "%s%s%n",
               "\t\n", "0", "-1", "true"]
    return rng.choice(choices)


def _rand_value(rng, depth=0):
    k = rng.randint(0, 9 if depth < 3 else 5)
    if k == 0:
        return None
    if k == 1:
        return rng.choice([True, False])
    if k == 2:
        return rng.choice([0, -1, 1, 2 ** 31, 2 ** 63, -2 ** 64, 1.5, 1e308])
    if k <= 5:
        return _rand_string(rng)
    if k <= 7:
        return [_rand_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {_rand_string(rng)[:20] or "k": _rand_value(rng, depth + 1) for _ in range(rng.randint(0, 4))}


FIELDS = ["user", "username", "userId", "password", "email", "name", "resume", "roleId", "activeStatus",
          "permissions", "secret", "code", "totp", "confirmRelinquish", "data", "roles"]


def _rand_body(rng):
    """Bodies: JSON shapes and raw bytes that are not JSON."""
    k = rng.randint(0, 19)
    if k <= 9:
        obj = {rng.choice(FIELDS): _rand_value(rng) for _ in range(rng.randint(0, 5))}
        # never a real username in login bodies: failed logins of real users could block them
        if "user" in obj and obj["user"] in ("admin", "Admin", "ADMIN "):
            obj["user"] = "nobody-" + str(rng.randint(0, 9999))
        if "username" in obj and obj["username"] in ("admin", "Admin", "ADMIN "):
            obj["username"] = "nobody-" + str(rng.randint(0, 9999))
        return "json-fuzz", json.dumps(obj, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")
    raw = [
        ("json-malformed", b"{"), ("json-malformed", b'{"user":'), ("json-malformed", b"{'a':1}"),
        ("json-malformed", b'{"a":1}}'), ("json-malformed", b'{"a":1} trailing'), ("json-notobject", b"[]"),
        ("json-notobject", b"null"), ("json-notobject", b"42"), ("json-notobject", b'"str"'),
        ("json-deep", b"[" * 5000 + b"]" * 5000), ("json-deep", b'{"a":' * 3000 + b"1" + b"}" * 3000),
        ("json-nul", b'{"user":"a\\u0000b","password":"x"}'), ("json-nul", b'{"user\\u0000":"a","password":"x"}'),
        ("body-utf8", b'{"user":"\xff\xfe","password":"x"}'), ("body-utf8", b'{"user":"\xc0\xaf","password":"x"}'),
        ("body-utf8", b'{"user":"\xed\xa0\x80","password":"x"}'), ("body-bom", b'\xef\xbb\xbf{"user":"a","password":"b"}'),
        ("body-utf16", '{"user":"a","password":"b"}'.encode("utf-16")),
        ("json-bignum", b'{"userId":1' + b"0" * 5000 + b"}"), ("json-bignum", b'{"count":1e999999}'),
        ("json-dupkeys", b'{"user":"a","user":"b","password":"c","password":"d"}'),
        ("json-escape", b'{"user":"\\ud800","password":"x"}'), ("json-escape", b'{"user":"\\x41","password":"x"}'),
        ("body-binary", bytes(rng.randrange(256) for _ in range(rng.randint(1, 400)))),
        ("body-large", b'{"user":"' + b"a" * (70 * 1024) + b'","password":"x"}'),
        ("body-large", b'{"pad":"' + b"b" * (1024 * 1024) + b'"}'),
    ]
    return rng.choice(raw)


def generate(count, plain, admin, seed=10):
    """count hostile requests as (category, bytes), deterministic for a seed."""
    rng = random.Random(seed)
    out = []

    # fixed cases first: each one of the parser's and container's edges once
    fixed = [
        ("method-star", _req("GET", "*", [])),
        ("path-asterisk", _req("OPTIONS", "*", [])),
        ("path-webinf", _req("GET", "/WEB-INF/web.xml", [])),
        ("path-webinf", _req("GET", "/META-INF/MANIFEST.MF", [])),
        ("path-webinf", _req("GET", "/web-inf/web.xml", [])),
        ("path-webinf", _req("GET", "/WEB-INF/classes/META-INF/microprofile-config.properties", [])),
        ("path-traversal", _req("GET", "/api/v1/../../WEB-INF/web.xml", [])),
        ("path-traversal", _req("GET", "/api/v1/%2e%2e/%2e%2e/WEB-INF/web.xml", [])),
        ("path-traversal", _req("GET", "/api/v1/..;/..;/WEB-INF/web.xml", [])),
        ("path-utf8", _req("GET", b"/api/v1/%C3%28", [])),
        ("path-utf8", _req("GET", b"/api/v1/%FF%FE", [])),
        ("path-utf8", _req("GET", b"/api/v1/%C0%AF", [])),
        ("path-utf8", _req("GET", b"/api/v1/\xff\xfe", [])),
        ("path-utf8", _req("GET", b"/api/v1/caf\xc3\xa9", [])),
        ("path-nul", _req("GET", "/api/v1/me%00", [])),
        ("path-nul", _req("GET", b"/api/v1/me\x00", [])),
        ("path-long", _req("GET", "/api/v1/" + "a" * 20000, [])),
        ("path-absolute", _req("GET", "http://127.0.0.1/api/info", [])),
        ("path-absolute", _req("GET", "http://evil.example/api/info", [])),
        ("path-odd", _req("GET", "//api//v1//me", [])),
        ("path-odd", _req("GET", "/api/v1/me;jsessionid=abc", [])),
        ("path-odd", _req("GET", "/api/v1/me/", [])),
        ("path-odd", _req("GET", "/api/v1/ME", [])),
        ("path-odd", _req("GET", "/api\\v1\\me", [])),
        ("path-odd", _req("GET", "/", [])), ("path-odd", _req("GET", "/index.html", [])),
        ("path-odd", _req("GET", "/favicon.ico", [])), ("path-odd", _req("GET", "/api", [])),
        ("path-odd", _req("GET", "/api/v1", [])), ("path-odd", _req("GET", "/api/v2/info", [])),
        ("missing-host", _req("GET", "/api/info", [], host=False)),
        ("bad-host", _req("GET", "/api/info", ["Host: a b c"], host=False)),
        ("bad-host", _req("GET", "/api/info", ["Host: 127.0.0.1", "Host: 127.0.0.2"], host=False)),
        ("http-version", _req("GET", "/api/info", [], version="HTTP/1.0")),
        ("http-version", _req("GET", "/api/info", [], version="HTTP/1.2")),
        ("http-version", _req("GET", "/api/info", [], version="HTTP/2.0")),
        ("http-version", _req("GET", "/api/info", [], version="HTTP/9.9")),
        ("http-version", _req("GET", "/api/info", [], version="http/1.1")),
        ("http-version", _req("GET", "/api/info", [], version="HTTP/1.1 extra")),
        ("http-version", b"GET /api/info\r\n\r\n"),
        ("bare-lf", _req("GET", "/api/info", [], eol=b"\n")),
        ("bare-lf", _req("POST", "/api/v1/login", ["Content-Type: application/json"], b'{"user":"x","password":"y"}', eol=b"\n")),
        ("h2-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
        ("h2-upgrade", _req("GET", "/api/info", ["Upgrade: h2c", "HTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA",
                                                  "Connection: Upgrade, HTTP2-Settings"], close=False)),
        ("tls", bytes.fromhex("160301002d0100002903035b") + bytes(32) + bytes.fromhex("000002c02f01000000")),
        ("garbage", b"\x00\x01\x02\x03\r\n\r\n"),
        ("garbage", b"HELLO\r\n\r\n"),
        ("garbage", b"\r\n\r\nGET /api/info HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("cl-te", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Content-Length: 5",
                                                  "Transfer-Encoding: chunked"], b"0\r\n\r\n")),
        ("dup-cl", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Content-Length: 2",
                                                   "Content-Length: 3"], b"{}")),
        ("bad-cl", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Content-Length: -1"], b"{}")),
        ("bad-cl", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Content-Length: abc"], b"{}")),
        ("bad-cl", _req("POST", "/api/v1/login", ["Content-Type: application/json",
                                                   "Content-Length: 99999999999999999999"], b"{}")),
        ("bad-chunk", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Transfer-Encoding: chunked"],
                           b"zz\r\n{}\r\n0\r\n\r\n")),
        ("bad-chunk", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Transfer-Encoding: chunked"],
                           b"2\r\n{}\r\n0\r\n\r\n")),
        ("te-unknown", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Transfer-Encoding: gzip"], b"{}")),
        ("header-crlf", _req("GET", "/api/v1/me", [b"X-User-Id: a\rb", b"X-Auth-Token: x"])),
        ("header-crlf", _req("GET", "/api/v1/me", [b"X-User-Id: a\nX-Injected: 1", b"X-Auth-Token: x"])),
        ("header-nul", _req("GET", "/api/v1/me", [b"X-User-Id: a\x00b", b"X-Auth-Token: x"])),
        ("header-no-colon", _req("GET", "/api/info", [b"NoColonHere"])),
        ("header-no-colon", _req("GET", "/api/info", [b": empty-name"])),
        ("header-no-colon", _req("GET", "/api/info", [b"Bad Name: x"])),
        ("many-headers", _req("GET", "/api/info", [f"X-H{i}: {i}" for i in range(2000)])),
        ("huge-header", _req("GET", "/api/info", ["X-Big: " + "a" * (1024 * 1024)])),
        ("huge-header", _req("GET", "/api/v1/me", ["X-User-Id: " + "a" * 100000, "X-Auth-Token: x"])),
        ("header-big", _req("GET", "/api/info", ["X-Big: " + "a" * 12000])),
        ("query-many", _req("GET", "/api/v1/users.list?" + "&".join(f"p{i}=1" for i in range(1200)),
                            _auth("admin", plain, admin, rng))),
        ("query-many", _req("GET", "/api/info?" + "&".join(f"p{i}=1" for i in range(5000)), [])),
        ("query-bad-escape", _req("GET", "/api/v1/users.info?username=%zz", _auth("admin", plain, admin, rng))),
        ("query-bad-escape", _req("GET", "/api/v1/users.info?username=%", _auth("admin", plain, admin, rng))),
        ("query-bad-escape", _req("GET", b"/api/v1/users.info?username=%C3%28", _auth("admin", plain, admin, rng))),
        ("query-nul", _req("GET", "/api/v1/users.info?username=admin%00", _auth("admin", plain, admin, rng))),
        ("query-nul", _req("GET", "/api/v1/users.info?userId=%00", _auth("admin", plain, admin, rng))),
        ("query-nul", _req("GET", "/api/v1/audit.tokens?callerId=%00", _auth("admin", plain, admin, rng))),
        ("query-nul", _req("GET", "/api/v1/audit.tokens?targetId=a%00b", _auth("admin", plain, admin, rng))),
        ("query-nul", _req("GET", "/api/v1/users.list?query=%00", _auth("admin", plain, admin, rng))),
        ("huge-body", _req("POST", "/api/v1/login", ["Content-Type: application/json"],
                           b'{"pad":"' + b"c" * (20 * 1024 * 1024) + b'"}')),
        ("huge-body", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Transfer-Encoding: chunked"],
                           b"".join(b"%x\r\n" % (1 << 20) + b"d" * (1 << 20) + b"\r\n" for _ in range(20)) + b"0\r\n\r\n")),
        ("method-connect", _req("CONNECT", "127.0.0.1:3101", [])),
        ("expect", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Expect: 100-continue"],
                        b'{"user":"nobody","password":"x"}')),
        ("expect", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Expect: 999-odd"],
                        b'{"user":"nobody","password":"x"}')),
        ("encoding", _req("POST", "/api/v1/login", ["Content-Type: application/json", "Content-Encoding: gzip"],
                          b'{"user":"nobody","password":"x"}')),
    ]
    out.extend(fixed)

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "PROPFIND", "FOO", "get",
               "M" * 300, "GET\x01"]
    ctypes = ["application/json", "application/json; charset=utf-8", "application/json;charset=ISO-8859-1",
              "application/json; charset=utf-16", "text/plain", "application/x-www-form-urlencoded",
              "multipart/form-data; boundary=x", "application/JSON", "application/json; charset=nonsense",
              "*/*", "", "application/vnd.api+json"]
    while len(out) < count:
        k = rng.randint(0, 99)
        if k < 45:  # bodies on POST routes
            route = rng.choice(ROUTES_POST + ROUTES_REVOKING)
            auth = "bogus" if route in ROUTES_REVOKING or route == "login" else rng.choice(["plain", "plain", "bogus", "none"])
            cat, body = _rand_body(rng)
            ctype = "application/json" if rng.random() < 0.75 else rng.choice(ctypes)
            hdrs = _auth(auth, plain, admin, rng) + ([f"Content-Type: {ctype}"] if ctype else [])
            out.append((cat, _req("POST", f"/api/v1/{route}", hdrs, body)))
        elif k < 60:  # query strings on read-only routes
            route = rng.choice(ROUTES_GET_ADMIN)
            params = []
            for _ in range(rng.randint(1, 6)):
                key = rng.choice(["username", "userId", "user", "count", "offset", "sort", "query", "fields",
                                  "callerId", "targetId", "start", "end", "roleId", "\u0000", "a" * 50])
                val = rng.choice([_rand_string(rng)[:200], str(rng.randint(-5, 10 ** 12)), "2026-13-45T99:00:00Z",
                                  "1e9", "-0", "", "{\"$ne\":1}", "[]"])
                params.append(urllib.parse.quote(key, safe="") + "=" + urllib.parse.quote(val, safe=""))
            cat = "query-nul" if any("%00" in p for p in params) else "query-fuzz"
            out.append((cat, _req("GET", f"/api/v1/{route}?" + "&".join(params),
                                  _auth(rng.choice(["admin", "admin", "bogus", "none"]), plain, admin, rng))))
        elif k < 72:  # methods
            m = rng.choice(methods)
            route = rng.choice(ROUTES_POST + ROUTES_GET_ADMIN + ["info"])
            path = "/api/info" if route == "info" else f"/api/v1/{route}"
            # a method the route does not take, with made-up credentials only (no state can change)
            cat = ("method-odd" if m not in ("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") else "method") \
                + "/" + m[:12]
            body = b"{}" if rng.random() < 0.5 else b""
            out.append((cat, _req(m, path, _auth(rng.choice(["bogus", "none"]), plain, admin, rng)
                                  + (["Content-Type: application/json"] if body else []), body)))
        elif k < 85:  # headers
            h = rng.choice([
                ("header-auth", ["X-User-Id: " + _rand_string(rng)[:300], "X-Auth-Token: " + _rand_string(rng)[:300]]),
                ("header-auth", ["X-User-Id:", "X-Auth-Token:"]),
                ("header-auth", [f"X-User-Id: {plain[0]}", f"X-User-Id: {admin[0]}", f"X-Auth-Token: {plain[1]}"]),
                ("header-auth", [f"X-User-Id: {plain[0]}", "X-Auth-Token: " + plain[1].upper()]),
                ("header-auth", [f"X-User-Id: {admin[0]}", f"X-Auth-Token: {plain[1]}"]),
                ("header-auth", [b"X-User-Id: \xff\xfe", b"X-Auth-Token: \xc3\x28"]),
                ("header-odd", ["Accept: text/html", "Accept-Language: de"]),
                ("header-odd", ["Accept-Encoding: gzip, br, zstd, *;q=0"]),
                ("header-odd", ["Content-Type: application/json", "Content-Type: text/plain"]),
                ("header-odd", ["X-Forwarded-For: 10.0.0.1, evil", "Forwarded: for=\"[::1]\""]),
                ("header-odd", ["Cookie: " + "a=b; " * 200]),
                ("header-odd", ["Range: bytes=0-1"]),
                ("header-odd", ["If-None-Match: *"]),
                ("header-big", ["X-Big: " + "z" * rng.choice([3000, 5000, 9000, 13000])]),
                ("header-many", [f"X-N{i}: v" for i in range(rng.choice([50, 99, 101, 150]))]),
            ])
            route = rng.choice(ROUTES_GET_ADMIN + ["info"])
            path = "/api/info" if route == "info" else f"/api/v1/{route}"
            cat = h[0]
            joined = "".join(x if isinstance(x, str) else x.decode("latin-1") for x in h[1])
            if "\r" in joined or "\n" in joined:
                cat = "header-crlf"
            elif "\x00" in joined:
                cat = "header-nul"
            out.append((cat, _req("GET", path, h[1])))
        elif k < 95:  # paths
            seg = rng.choice(["%2e%2e", "..", ".", "%252e", "%u002e", "WEB-INF", "META-INF", "%00", "%0d%0a", "%ff",
                              "users.info;x", "users.info%3b", "users.info%2f", "users.info.", "USERS.INFO", "%20",
                              "a" * rng.randint(1, 3000), "\u00e9".encode().decode("latin-1"), "~", "$", "{}", "|"])
            path = rng.choice(["/api/v1/", "/api/", "/", "/api/v1/users.info/"]) + seg
            cat = ("path-nul" if "%00" in seg else "path-webinf" if "INF" in seg else
                   "path-traversal" if ".." in seg or "2e" in seg else "path-utf8" if "%ff" in seg else "path-fuzz")
            out.append((cat, _req(rng.choice(["GET", "POST"]), path, _auth("bogus", plain, admin, rng))))
        else:  # encodings and versions
            body = json.dumps({"user": "nobody-" + str(rng.randint(0, 99)), "password": "x"})
            enc = rng.choice(["utf-8", "utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252"])
            try:
                raw = body.encode(enc)
            except Exception:
                raw = body.encode()
            out.append(("encoding", _req("POST", "/api/v1/login", [f"Content-Type: application/json; charset={enc}"], raw,
                                         version=rng.choice(["HTTP/1.1", "HTTP/1.1", "HTTP/1.0"]))))
    return out[:max(count, len(fixed))]


class RawAnswer:
    __slots__ = ("status", "ctype", "body", "secs", "timeout", "error", "raw_len")

    def __init__(self):
        self.status, self.ctype, self.body, self.secs, self.timeout, self.error, self.raw_len = 0, "", b"", 0.0, False, None, 0


# requests whose end the server cannot see (not HTTP/1.1 framing): the client half-closes after sending them
UNFRAMED = ("tls", "h2-preface", "te-unknown", "garbage")


def send_raw(port, data, timeout=10.0, head=False, half_close=False):
    """Sends data on a new connection and reads one response (status, Content-Type, body)."""
    ans = RawAnswer()
    t0 = time.monotonic()
    s = socket.create_connection((HOST, port), timeout=timeout)
    try:
        s.settimeout(timeout)
        try:
            s.sendall(data)
        except OSError as e:  # the server may answer and close before reading everything
            ans.error = f"send: {e}"
        if half_close:
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        buf = b""
        deadline = t0 + timeout
        header_end = -1
        need = None
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                ans.timeout = True
                break
            s.settimeout(remaining)
            try:
                chunk = s.recv(65536)
            except socket.timeout:
                ans.timeout = True
                break
            except OSError as e:
                ans.error = ans.error or f"recv: {e}"
                break
            if not chunk:
                break
            buf += chunk
            if header_end < 0:
                header_end = buf.find(b"\r\n\r\n")
                if header_end >= 0:
                    head_text = buf[:header_end].decode("latin-1")
                    m = re.match(r"HTTP/\d\.\d (\d{3})", head_text)
                    ans.status = int(m.group(1)) if m else -1
                    if ans.status == 100:  # interim answer: skip it
                        buf = buf[header_end + 4:]
                        header_end = -1
                        continue
                    cl = re.search(r"(?im)^content-length:\s*(\d+)\s*$", head_text)
                    ct = re.search(r"(?im)^content-type:\s*(.*?)\s*$", head_text)
                    ans.ctype = ct.group(1) if ct else ""
                    chunked = re.search(r"(?im)^transfer-encoding:\s*chunked", head_text)
                    if head or ans.status in (204, 304):
                        need = header_end + 4
                    elif cl:
                        need = header_end + 4 + int(cl.group(1))
                    elif chunked:
                        need = "chunked"
            if isinstance(need, int) and len(buf) >= need:
                break
            if need == "chunked" and buf.endswith(b"0\r\n\r\n"):
                break
        ans.raw_len = len(buf)
        if header_end >= 0:
            body = buf[header_end + 4:]
            if need == "chunked":
                body = _dechunk(body)
            ans.body = body
        elif buf:
            ans.status = -1  # bytes that are not an HTTP response head
            ans.body = buf
    finally:
        s.close()
    ans.secs = time.monotonic() - t0
    return ans


def _dechunk(data):
    out = b""
    while data:
        line, _, rest = data.partition(b"\r\n")
        try:
            n = int(line.split(b";")[0], 16)
        except ValueError:
            return out
        if n == 0:
            return out
        out += rest[:n]
        data = rest[n + 2:]
    return out
