"""Turns bench/run's raw measurements into the table, the RATIO/FIGURE lines and a JSON file."""
import datetime
import json
import statistics
import sys

results_path, server, out_dir, duration, reps = sys.argv[1:6]
rows = [json.loads(line) for line in open(results_path) if line.strip()]


def runs(name, conns):
    return [r["result"] for r in rows if r["name"] == name and (conns is None or r["conns"] == conns)]


def cpu_per_request(name, conns):
    """Median Java CPU per request in microseconds, from the server's CPU time over each wrk run."""
    per = [r["cpu_s"] * 1e6 / r["result"]["requests"] for r in rows
           if r["name"] == name and r["conns"] == conns and "cpu_s" in r and r["result"]["requests"]]
    return statistics.median(per) if per else None


def wrk(name, conns):
    found = runs(name, conns)
    if not found:
        return None
    rps = [r["requests"] / (r["duration_us"] / 1e6) for r in found]
    errors = sum(r["connect"] + r["read"] + r["write"] + r["status"] + r["timeout"] for r in found)
    return {
        "rps": statistics.median(rps),
        "p50_ms": statistics.median(r["p50_us"] for r in found) / 1000,
        "p99_ms": statistics.median(r["p99_us"] for r in found) / 1000,
        "errors": errors,
        "runs": len(found),
        "java_cpu_us": cpu_per_request(name, conns),
    }


def pgbench(name, conns):
    found = runs(name, conns)
    return {"tps": statistics.median(r["tps"] for r in found), "runs": len(found)} if found else None


def single(name, key):
    """The last value recorded under that name (a phase that grows in batches records one per batch)."""
    found = [r["result"][key] for r in rows if r["name"] == name]
    return found[-1] if found else None


figures = {}
table = []
for label, name, conns in [
    ("GET /api/info", "info", 16),
    ("GET me", "me", 16),
    ("POST login", "login", 16),
    ("POST users.createToken", "createToken", 1),
    ("POST users.createToken", "createToken", 16),
    ("POST users.createToken", "createToken", 64),
    ("GET me, 10^6 tokens", "me_1e6", 16),
    ("POST users.createToken, 10^6 tokens", "createToken_1e6", 16),
    ("GET me, 10^7 tokens", "me_1e7", 16),
    ("POST users.createToken, 10^7 tokens", "createToken_1e7", 16),
]:
    m = wrk(name, conns)
    if m:
        figures[f"{name}_c{conns}"] = m
        cpu = "" if m["java_cpu_us"] is None else f"{m['java_cpu_us']:.0f}"
        table.append((label, conns, f"{m['rps']:.0f}", f"{m['p50_ms']:.2f}", f"{m['p99_ms']:.2f}", str(m["errors"]), cpu))
for label, name, conns in [
    ("pgbench: createToken's SQL", "sql_createToken", 1),
    ("pgbench: createToken's SQL", "sql_createToken", 16),
    ("pgbench: createToken's SQL", "sql_createToken", 64),
    ("pgbench: authentication's SQL", "sql_auth", 16),
    ("anchor (pg-limit): mint.sql", "anchor_mint", 16),
    ("anchor (pg-limit): auth.sql", "anchor_auth", 16),
]:
    m = pgbench(name, conns)
    if m:
        figures[f"{name}_c{conns}"] = m
        table.append((label, conns, f"{m['tps']:.0f}", "", "", "", ""))
bcrypt_runs = [r for r in rows if r["name"] == "bcrypt"]
if bcrypt_runs:
    threads = bcrypt_runs[0]["conns"]
    m = pgbench("bcrypt", None)
    m["threads"] = threads
    figures["bcrypt"] = m
    table.append(("bcrypt alone, cost 10 (threads)", threads, f"{m['tps']:.1f}", "", "", "", ""))

print()
print(f"tokenmint benchmark on {server}: medians of {reps} runs of {duration}s")
print(f"{'what':<40} {'conns':>5} {'per second':>11} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'Java us/req':>11}")
for row in table:
    print(f"{row[0]:<40} {row[1]:>5} {row[2]:>11} {row[3]:>8} {row[4]:>8} {row[5]:>7} {row[6]:>11}")
print()


def ratio(a, b):
    return a / b if a is not None and b else None


def get(key, field):
    return figures.get(key, {}).get(field)


ratios = [
    ("createToken_c16_vs_anchor_mint", ratio(get("createToken_c16", "rps"), get("anchor_mint_c16", "tps")), ">=0.60", 0.60, "min"),
    ("me_c16_vs_anchor_auth", ratio(get("me_c16", "rps"), get("anchor_auth_c16", "tps")), "info", None, None),
    ("login_c16_vs_bcrypt", ratio(get("login_c16", "rps"), get("bcrypt", "tps")), ">=0.90", 0.90, "min"),
    ("createToken_c16_vs_sql", ratio(get("createToken_c16", "rps"), get("sql_createToken_c16", "tps")), ">=0.50", 0.50, "min"),
    ("me_c16_vs_info", ratio(get("me_c16", "rps"), get("info_c16", "rps")), ">=0.60", 0.60, "min"),
    ("createToken_c16_1e6_vs_1e5", ratio(get("createToken_1e6_c16", "rps"), get("createToken_c16", "rps")), ">=0.90", 0.90, "min"),
    ("me_c16_1e6_vs_1e5", ratio(get("me_1e6_c16", "rps"), get("me_c16", "rps")), ">=0.90", 0.90, "min"),
    ("createToken_c16_1e7_vs_1e5", ratio(get("createToken_1e7_c16", "rps"), get("createToken_c16", "rps")), "info", None, None),
    ("me_c16_1e7_vs_1e5", ratio(get("me_1e7_c16", "rps"), get("me_c16", "rps")), "info", None, None),
    ("createToken_c16_p99_over_p50", ratio(get("createToken_c16", "p99_ms"), get("createToken_c16", "p50_ms")), "<=4.00", 4.0, "max"),
    ("createToken_c1_vs_sql", ratio(get("createToken_c1", "rps"), get("sql_createToken_c1", "tps")), "info", None, None),
    ("createToken_c64_vs_sql", ratio(get("createToken_c64", "rps"), get("sql_createToken_c64", "tps")), "info", None, None),
]
report = {"server": server, "time": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
          "duration_s": int(duration), "repetitions": int(reps), "figures": figures, "ratios": {}, "met": True}
for name, value, target, bound, kind in ratios:
    shown = "n/a" if value is None else f"{value:.2f}"
    print(f"RATIO {name} {shown} target {target}")
    met = None if bound is None or value is None else (value >= bound if kind == "min" else value <= bound)
    report["ratios"][name] = {"value": value, "target": target, "met": met}
    if met is False:
        report["met"] = False

errors = sum(f.get("errors", 0) for f in figures.values())
for key, m in figures.items():
    if "rps" in m:
        print(f"FIGURE {key}_throughput {m['rps']:.0f} req/s")
        print(f"FIGURE {key}_p50 {m['p50_ms']:.2f} ms")
        print(f"FIGURE {key}_p99 {m['p99_ms']:.2f} ms")
        if m.get("java_cpu_us") is not None:
            print(f"FIGURE {key}_java_cpu {m['java_cpu_us']:.0f} us/request")
    elif key == "bcrypt":
        print(f"FIGURE bcrypt_throughput {m['tps']:.1f} checks/s")
    else:
        print(f"FIGURE {key}_throughput {m['tps']:.0f} tx/s")
print(f"FIGURE errors_and_non_2xx {errors} responses")
stored = single("stored_tokens_1e6", "value")
stored_big = single("stored_tokens_1e7", "value")
rss = single("server_rss", "kb")
print(f"FIGURE stored_tokens_grown {stored} rows")
if stored_big:
    print(f"FIGURE stored_tokens_grown_1e7 {stored_big} rows")
print(f"FIGURE server_rss {rss / 1024 if rss else 0:.0f} MiB")
report["errors"] = errors
report["stored_tokens_grown"] = stored
report["stored_tokens_grown_1e7"] = stored_big
report["server_rss_mib"] = round(rss / 1024) if rss else None
if errors:
    report["met"] = False

stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
path = f"{out_dir}/{stamp}-{server}.json"
with open(path, "w") as f:
    json.dump(report, f, indent=2)
print(f"\nbench: wrote {path}")
