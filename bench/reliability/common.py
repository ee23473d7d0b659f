"""Shared pieces of the reliability trials: HTTP client, nodes, the private database, figures and requirements.

Standard library only. Every connection goes to 127.0.0.1.
"""
import base64
import hashlib
import http.client
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time

ROOT = os.environ.get("REL_ROOT", os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
TMP = os.environ.get("REL_TMP", "/tmp")
PG_BIN = os.environ.get("REL_PG_BIN", "")
PGDATA = os.environ.get("REL_PGDATA", "")
PG_PORT = os.environ.get("REL_PG_PORT", "25432")
HOST = "127.0.0.1"

_print_lock = threading.Lock()


def say(*parts):
    with _print_lock:
        print(*parts, flush=True)


def log(text):
    """Progress on stderr, so that stdout holds only figures, notes and the table."""
    with _print_lock:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- figures and requirements

FIGURES = {}
RESULTS = []  # (requirement, bound, measured, passed: True/False/None for information)


def figure(name, value):
    if isinstance(value, float):
        value = round(value, 3)
    FIGURES[name] = value
    say(f"FIGURE {name} {value}")


def require(name, bound, measured, passed):
    RESULTS.append((name, bound, str(measured), passed))


def info(name, measured):
    RESULTS.append((name, "(information)", str(measured), None))


def note(text):
    say(f"NOTE {text}")


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = min(len(s) - 1, max(0, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def median(values):
    return statistics.median(values) if values else float("nan")


# ---------------------------------------------------------------- secrets seen by the trials

TOKEN_RE = re.compile(rb"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
HASH_RE = re.compile(rb"(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{43}=")


def token_hash(token):
    return base64.b64encode(hashlib.sha256(token.encode()).digest()).decode()


class Secrets:
    """Every token the trials were issued, their hashes, and the passwords they set."""

    def __init__(self):
        self.lock = threading.Lock()
        self.tokens = set()
        self.hashes = set()
        self.passwords = set()
        self.response_leaks = 0
        self.leak_examples = []

    def add_token(self, token):
        if token:
            with self.lock:
                self.tokens.add(token)
                self.hashes.add(token_hash(token))

    def scan_response(self, body, issued=None, where=""):
        """A response may carry only the token it issued: any other known token, or a password, is a leak."""
        if not body:
            return
        found = []
        for m in TOKEN_RE.findall(body):
            t = m.decode()
            if t != issued and t in self.tokens:
                found.append("token")
        for m in HASH_RE.findall(body):
            if m.decode() in self.hashes:
                found.append("token hash")
        for pw in self.passwords:
            if pw.encode() in body:
                found.append("password")
        if found:
            with self.lock:
                self.response_leaks += len(found)
                if len(self.leak_examples) < 5:
                    self.leak_examples.append(f"{where}: {','.join(found)}")

    def scan_text(self, data, allow_hashes=False):
        """Counts (tokens, hashes, passwords) found in bytes."""
        tokens = sum(1 for m in TOKEN_RE.findall(data) if m.decode() in self.tokens)
        hashes = 0 if allow_hashes else sum(1 for m in HASH_RE.findall(data) if m.decode() in self.hashes)
        passwords = sum(data.count(pw.encode()) for pw in self.passwords)
        return tokens, hashes, passwords


SECRETS = Secrets()


# ---------------------------------------------------------------- HTTP

class Resp:
    __slots__ = ("status", "headers", "body", "t0", "t1", "error", "_json")

    def __init__(self, status=0, headers=None, body=b"", t0=0.0, t1=0.0, error=None):
        self.status, self.headers, self.body, self.t0, self.t1, self.error = status, headers or {}, body, t0, t1, error
        self._json = False

    @property
    def secs(self):
        return self.t1 - self.t0

    @property
    def json(self):
        if self._json is False:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except Exception:
                self._json = None
        return self._json

    def is_json(self):
        ctype = self.headers.get("content-type", "")
        return ctype.split(";")[0].strip().lower() == "application/json" and isinstance(self.json, dict)

    def is_envelope(self):
        """A JSON failure envelope: {"success":false,"error":...}."""
        return self.is_json() and self.json.get("success") is False and "error" in self.json

    def ok(self):
        return self.status == 200 and self.is_json() and self.json.get("success") is not False


class Client:
    """One keep-alive connection to one node, for one thread. Never retries (a retried mint could mint twice)."""

    def __init__(self, port, timeout=30.0):
        self.port = port
        self.timeout = timeout
        self.conn = None
        self.last_used = 0.0

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except Exception:
                pass
            self.conn = None

    def call(self, method, path, body=None, auth=None, headers=None, timeout=None, scan=True):
        hdrs = {}
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if auth:
            hdrs["X-User-Id"], hdrs["X-Auth-Token"] = auth
        if headers:
            hdrs.update(headers)
        now = time.monotonic()
        # a connection idle for a while may have been closed by the server's idle timeout: open a fresh one
        if self.conn is not None and (now - self.last_used > 1.0 or (timeout and timeout != self.timeout)):
            self.close()
        if self.conn is None:
            self.conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout or self.timeout)
        t0 = time.monotonic()
        try:
            self.conn.request(method, path, body=data, headers=hdrs)
            r = self.conn.getresponse()
            payload = r.read()
            t1 = time.monotonic()
            resp = Resp(r.status, {k.lower(): v for k, v in r.getheaders()}, payload, t0, t1)
            if r.will_close:
                self.close()
        except Exception as e:  # connection refused, reset, timeout
            t1 = time.monotonic()
            self.close()
            resp = Resp(0, {}, b"", t0, t1, f"{type(e).__name__}: {e}")
        self.last_used = time.monotonic()
        if scan and resp.body:
            issued = None
            if resp.status == 200 and isinstance(resp.json, dict) and isinstance(resp.json.get("data"), dict):
                issued = resp.json["data"].get("authToken")
            SECRETS.scan_response(resp.body, issued, f"{method} {path.split('?')[0]}")
        return resp


# ---------------------------------------------------------------- API helpers

class ApiError(Exception):
    pass


def login(client, user, password):
    r = client.call("POST", "/api/v1/login", {"user": user, "password": password})
    if not r.ok():
        raise ApiError(f"login {user}: {r.status} {r.body[:200]!r} {r.error or ''}")
    d = r.json["data"]
    SECRETS.add_token(d["authToken"])
    return d["userId"], d["authToken"]


def mint(client, auth, username):
    """users.createToken for username; returns the Resp (token recorded when 200)."""
    r = client.call("POST", "/api/v1/users.createToken", {"username": username}, auth=auth)
    if r.ok():
        SECRETS.add_token(r.json["data"]["authToken"])
    return r


def me(client, auth, **kw):
    return client.call("GET", "/api/v1/me", auth=auth, **kw)


def create_user(client, admin, username, password):
    r = client.call("POST", "/api/v1/users.create",
                    {"name": f"Rel {username}", "email": f"{username}@rel.example", "password": password,
                     "username": username}, auth=admin)
    if not r.ok():
        raise ApiError(f"users.create {username}: {r.status} {r.body[:200]!r} {r.error or ''}")
    return r.json["user"]["_id"]


def parallel(fn, items, threads=8):
    """Runs fn(item) over items on a few threads; returns the results in order (exceptions re-raised)."""
    items = list(items)
    out = [None] * len(items)
    errors = []
    idx = iter(range(len(items)))
    lock = threading.Lock()

    def work():
        while True:
            with lock:
                try:
                    i = next(idx)
                except StopIteration:
                    return
            try:
                out[i] = fn(items[i])
            except Exception as e:
                errors.append(e)

    ts = [threading.Thread(target=work, daemon=True) for _ in range(min(threads, max(1, len(items))))]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    if errors:
        raise errors[0]
    return out


# ---------------------------------------------------------------- the private database

def psql(sql, db="tokenmint", timeout=60):
    r = subprocess.run([os.path.join(PG_BIN, "psql"), "-X", "-A", "-t", "-q", "-h", HOST, "-p", PG_PORT,
                        "-U", "postgres", "-d", db, "-v", "ON_ERROR_STOP=1", "-c", sql],
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0:
        raise RuntimeError(f"psql: {r.stderr.strip()}")
    return r.stdout.strip()


def pg_ctl(*args, timeout=120):
    """pg_ctl as the postgres user. A (re)started server logs to TMP/pg.log; no pipe is handed to it, or
    waiting for pg_ctl's output would wait for the server."""
    out = os.path.join(TMP, "logs", "pg_ctl.out")
    with open(out, "ab") as f:
        r = subprocess.run(["runuser", "-u", "postgres", "--", os.path.join(PG_BIN, "pg_ctl"), "-D", PGDATA,
                            "-l", os.path.join(TMP, "pg.log"), *args],
                           stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT, timeout=timeout)
    return r


def postmaster_pid():
    with open(os.path.join(PGDATA, "postmaster.pid")) as f:
        return int(f.readline().strip())


def proc_stat(pid):
    """(comm, state, ppid, pgrp) of a process, or None."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            s = f.read()
    except OSError:
        return None
    comm = s[s.index("(") + 1:s.rindex(")")]
    rest = s[s.rindex(")") + 2:].split()
    return comm, rest[0], int(rest[1]), int(rest[2])


def all_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit()]


def children(pid):
    out = []
    for p in all_pids():
        st = proc_stat(p)
        if st and st[2] == pid:
            out.append(p)
    return out


def quote_list(ids):
    return ",".join("'" + i.replace("'", "''") + "'" for i in ids)


# ---------------------------------------------------------------- nodes

class Node:
    def __init__(self, name, server, port, extra_env, health_port=None):
        self.name, self.server, self.port, self.extra_env = name, server, port, extra_env
        # WildFly serves /health on its management port, Payara Micro on its HTTP port
        self.health_port = health_port or port
        self.proc = None
        self.pgid = None
        self.log_path = os.path.join(TMP, "logs", f"{name}.out")
        self.boots = 0

    def start(self, timeout=300):
        env = dict(os.environ)
        env.update(self.extra_env)
        env["PORT"] = str(self.port)
        logf = open(self.log_path, "ab")
        t0 = time.monotonic()
        self.proc = subprocess.Popen(["bash", os.path.join(ROOT, "bin", "run"), "--no-build", "--server", self.server],
                                     cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=logf, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        logf.close()
        self.pgid = self.proc.pid
        with open(os.path.join(TMP, "pgids"), "a") as f:
            f.write(f"{self.pgid}\n")
        self.boots += 1
        c = Client(self.port, timeout=5)
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode} while starting (see {self.log_path})")
            r = c.call("GET", "/api/info", scan=False)
            if r.status == 200 and r.is_json():
                return time.monotonic() - t0
            time.sleep(0.5)
        raise RuntimeError(f"{self.name} did not answer /api/info within {timeout} s")

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def readiness(self, timeout=30):
        """GET /health/ready: (status, seconds, the WAR's own check as a dict or None); status 0: no answer."""
        r = Client(self.health_port, timeout=timeout).call("GET", "/health/ready", scan=False)
        check = None
        if r.is_json():
            check = next((c for c in r.json.get("checks", []) if c.get("name") == "tokenmint"), None)
        return r.status, r.t1 - r.t0, check

    def signal(self, sig):
        os.killpg(self.pgid, sig)

    def kill9(self):
        try:
            os.killpg(self.pgid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass

    def java_pid(self):
        for p in all_pids():
            st = proc_stat(p)
            if st and st[3] == self.pgid and st[0] == "java":
                return p
        return None

    def rss_mib(self):
        pid = self.java_pid()
        if pid is None:
            return None
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return round(int(line.split()[1]) / 1024.0, 1)
        return None
