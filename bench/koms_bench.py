#!/usr/bin/env python3
"""Glue for bench/run: preparing accounts and token pairs over the API,
filling a database with sessions for the scale phase, reading wrk's output,
and rendering the results table. Standard library only."""
import base64
import hashlib
import json
import os
import re
import sqlite3
import sys
import urllib.request
import uuid


def call(url, method, path, client_id, body=None):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body else None)
    request.add_header("x-koms-clientid", client_id)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def prepare(url, client_id, pairs_file, pair_count, accounts):
    """Signs up `accounts` accounts and writes `pair_count` token pairs."""
    for index in range(accounts):
        call(url, "POST", "/user", client_id, {"email": f"bench-{index}@example.com", "password": "correct horse battery"})
    with open(pairs_file, "w") as out:
        for index in range(pair_count):
            tokens = call(url, "POST", "/session", client_id, {
                "account_type": "traditional", "email": f"bench-{index % accounts}@example.com",
                "password": "correct horse battery"})
            out.write(f"{tokens['access_token']} {tokens['refresh_token']}\n")


def populate(database, total):
    """Adds synthetic sessions, owned by the first session's user and client,
    until the table holds `total`. Their tokens are random and unknown, which
    is all a lookup by hash needs of them."""
    connection = sqlite3.connect(database)
    user_id, client_id, expires = connection.execute(
        "SELECT user_id, client_id, refresh_expires_at FROM sessions LIMIT 1").fetchone()
    present = connection.execute("SELECT count(*) FROM sessions").fetchone()[0]

    def rows(count):
        for _ in range(count):
            access, refresh = os.urandom(32), os.urandom(32)
            yield (str(uuid.uuid4()), user_id, client_id, hashlib.blake2b(access, digest_size=32).digest(),
                   hashlib.blake2b(refresh, digest_size=32).digest(), expires, expires, expires)

    connection.executemany(
        "INSERT INTO sessions (id, user_id, client_id, access_hash, refresh_hash, access_expires_at, "
        "refresh_expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows(max(0, total - present)))
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def wrk_figures(path):
    """Requests per second, p50 and p99 in ms, and non-2xx answers of a wrk --latency run."""
    text = open(path).read()

    def milliseconds(label):
        found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        if not found:
            return None
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    return {"rps": float(rate.group(1)) if rate else 0.0, "p50": milliseconds("50"), "p99": milliseconds("99"),
            "non2xx": int(errors.group(1)) if errors else 0}


def render(results_file, output):
    results = json.load(open(results_file))
    figures, meta = results["figures"], results["meta"]
    ceiling, hashing = figures["ceiling"]["rps"], figures["hashing"]

    def ms(value):
        return "–" if value is None else f"{value:.2f} ms"

    rows = []

    def row(name, value, reference, ratio, target, passed, note=""):
        rows.append(f"| {name} | {value} | {reference} | {ratio} | {target} | {'yes' if passed else '**no**'} | {note} |")

    for key, name, goal in [("get_session", "GET /session", 0.60), ("get_user", "GET /user", 0.55),
                            ("refresh", "PUT /session (fresh pair each)", 0.15)]:
        figure = figures[key]
        ratio = figure["rps"] / ceiling
        row(name, f"{figure['rps']:.0f}/s, p50 {ms(figure['p50'])}, p99 {ms(figure['p99'])}", f"{ceiling:.0f}/s HTTP",
            f"{ratio:.0%}", f"≥ {goal:.0%}", ratio >= goal, f"non-2xx {figure['non2xx']}")
    for key, name, goal in [("login", "POST /session", 0.85), ("signup", "POST /user", None)]:
        figure = figures[key]
        ratio = figure["rps"] / hashing
        row(name, f"{figure['rps']:.1f}/s", f"{hashing:.1f} hashes/s", f"{ratio:.0%}",
            f"≥ {goal:.0%}" if goal else "–", ratio >= goal if goal else True, f"non-2xx {figure['non2xx']}")
    mixed, alone = figures["get_during_logins"], figures["get_session"]
    mixed_ok = mixed["p99"] is not None and mixed["p99"] <= 5 and mixed["p99"] <= 3 * alone["p99"]
    row("GET /session p99 while logins saturate hashing", ms(mixed["p99"]), f"{ms(alone['p99'])} alone",
        f"{mixed['p99'] / alone['p99']:.1f}×" if mixed["p99"] and alone["p99"] else "–", "≤ 5 ms and ≤ 3×", mixed_ok,
        f"{mixed['rps']:.0f}/s meanwhile")
    memory_mib, budget_mib = figures["rss_kib"] / 1024, 64 + meta["hash_workers"] * meta["argon2_memory_kib"] / 1024
    row("resident memory after the run", f"{memory_mib:.0f} MiB (peak {figures['hwm_kib'] / 1024:.0f} MiB)",
        f"{budget_mib:.0f} MiB budget", f"{memory_mib / budget_mib:.0%}", "≤ budget", memory_mib <= budget_mib)
    small, large = figures["scale_small"], figures["scale_large"]
    ratio = large["rps"] / small["rps"]
    row(f"GET /session at {meta['scale_large']:,} sessions", f"{large['rps']:.0f}/s",
        f"{small['rps']:.0f}/s at {meta['scale_small']:,}", f"{ratio:.0%}", "≥ 80%", ratio >= 0.80,
        f"database {figures['scale_database_mib']:.0f} MiB")

    lines = [
        f"# koms benchmark, {meta['date']}",
        "",
        f"- commit `{meta['commit']}`; machine: {meta['cores']} cores, {meta['cpu']}",
        f"- parameters: {meta['threads']} HTTP threads, {meta['hash_workers']} hashing workers, argon2id t = "
        f"{meta['argon2_iterations']}, m = {meta['argon2_memory_kib']} KiB; wrk {meta['connections']} connections, "
        f"{meta['seconds']} s a phase; `synchronous=FULL`; the load generator shares the machine",
        f"- HTTP ceiling (bench/ceiling.c): {ceiling:.0f}/s, p50 {ms(figures['ceiling']['p50'])}, "
        f"p99 {ms(figures['ceiling']['p99'])}; hashing ceiling (bench/hashing.c): {hashing:.1f} hashes/s",
        "",
        "| figure | measured | ceiling | ratio | target | met | notes |",
        "|---|---|---|---|---|---|---|",
    ] + rows
    text = "\n".join(lines) + "\n"
    open(output, "w").write(text)
    print(text)


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "prepare":
        prepare(arguments[0], arguments[1], arguments[2], int(arguments[3]), int(arguments[4]))
    elif command == "populate":
        populate(arguments[0], int(arguments[1]))
    elif command == "wrk":
        print(json.dumps(wrk_figures(arguments[0])))
    elif command == "render":
        render(arguments[0], arguments[1])
    else:
        sys.exit(f"unknown command {command}")
