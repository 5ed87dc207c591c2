#!/usr/bin/env python3
"""Glue for bench/run, standard library only.

  prepare URL CLIENT_ID PAIRS_FILE PAIRS ACCOUNTS
      signs up ACCOUNTS accounts (bench-<i>@example.com) and logs in PAIRS
      times over them, writing one "access refresh" pair a line
  token
      prints a new token and the hex of its BLAKE2b-256 hash, as koms makes
      and stores them, for sessions inserted straight into the database
  port
      prints a TCP port of 127.0.0.1 that is free at the moment
  cpu NAME KOMS_BEFORE POSTGRES_BEFORE KOMS_AFTER POSTGRES_AFTER
      the CPU ticks koms and PostgreSQL used during a phase, as JSON
      ("null" for PostgreSQL when it did not run)
  phase NAME WRK_OUTPUT [LOG START END [METHOD_AND_PATH]]
      the figures of one phase as JSON: wrk's rate, latency and errors, the
      counts printed by the Lua scripts, and the answers the server logged
      between two byte offsets of its log (only those to "METHOD PATH" if
      given)
  render RESULTS_DIR MARKDOWN_FILE
      the results table, from the JSON files bench/run left in RESULTS_DIR
"""
import base64
import concurrent.futures
import hashlib
import json
import os
import re
import socket
import statistics
import sys
import urllib.error
import urllib.request

PASSWORD = "correct horse battery"


def call(url, method, path, client_id, body):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode())
    request.add_header("x-koms-clientid", client_id)
    request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read() or b"{}")


def prepare(url, client_id, pairs_file, pair_count, accounts):
    # Several at once, so that both hashing workers are busy.
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda index: call(url, "POST", "/user", client_id,
                                         {"email": f"bench-{index}@example.com", "password": PASSWORD}),
                      range(accounts)))
        logins = pool.map(lambda index: call(url, "POST", "/session", client_id, {
            "account_type": "traditional", "email": f"bench-{index % accounts}@example.com", "password": PASSWORD}),
                          range(pair_count))
        with open(pairs_file, "w") as out:
            for tokens in logins:
                out.write(f"{tokens['access_token']} {tokens['refresh_token']}\n")


def token():
    # 32 random bytes as unpadded base64url; koms stores BLAKE2b-256 (libsodium's
    # crypto_generichash with a 32-byte output and no key) of the token's text.
    text = base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()
    print(text, hashlib.blake2b(text.encode(), digest_size=32).hexdigest())


def free_port():
    # The kernel picks one; closed at once, it stays free unless another
    # program asks for a port in the moment before PostgreSQL takes it.
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        print(listener.getsockname()[1])


def cpu(name, koms_before, postgres_before, koms_after, postgres_after):
    postgres = None if postgres_before == "null" else int(postgres_after) - int(postgres_before)
    print(json.dumps({"name": name, "koms": int(koms_after) - int(koms_before), "postgres": postgres}))


def milliseconds(text, label):
    found = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
    if not found:
        return None
    value, unit = float(found.group(1)), found.group(2)
    return {"us": value / 1000, "ms": value, "s": value * 1000}[unit]


def wrk_figures(path):
    text = open(path).read()
    requests = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)", text)
    count = int(requests.group(1)) if requests else 0
    duration = float(requests.group(2)) * {"ms": 0.001, "s": 1, "m": 60}[requests.group(3)] if requests else 0
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    figures = {
        "requests": count, "seconds": duration,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1)) if count else 0.0,
        "p50": milliseconds(text, "50"), "p99": milliseconds(text, "99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": dict(zip(["connect", "read", "write", "timeout"], map(int, socket.groups())))
        if socket else {},
    }
    # The Lua scripts end with a line "lua key=value …" (see bench/lua).
    for line in re.findall(r"^lua (.*)$", text, re.M):
        figures["lua"] = {key: int(value) for key, value in (item.split("=") for item in line.split())}
    # The rate of 2xx answers: what the targets are about.
    ok = figures["lua"]["ok"] if "lua" in figures else count - figures["non2xx"]
    figures["ok_rps"] = ok / duration if duration else 0.0
    return figures


def logged_answers(log, start, end):
    """Counts the request lines of the server's log between two offsets, by
    method, path, status and problem code."""
    with open(log, "rb") as file:
        file.seek(start)
        text = file.read(end - start).decode(errors="replace")
    counts = {}
    for method, path, status, rest in re.findall(
            r" method=(\S+)(?: route=\S+)? path=(\S+) status=(\d+)([^\n]*)", text):
        code = re.search(r" code=(\S+)", rest)
        key = f"{method} {path} {status}" + (f" {code.group(1)}" if code else "")
        counts[key] = counts.get(key, 0) + 1
    # Lines other than requests, at warning level or above, are worth seeing.
    problems = [line for line in text.splitlines() if re.search(r" (warning|error|critical) ", line)]
    return {"answers": counts, "problem_lines": len(problems), "problem_sample": problems[:5]}


def phase(name, wrk_output, log=None, start=None, end=None, request=None):
    figures = {"name": name, "wrk": wrk_figures(wrk_output)}
    if log:
        figures["server"] = logged_answers(log, int(start), int(end))
        if request:
            # Two loads at once: keep the answers to this one's requests.
            figures["server"]["answers"] = {key: count for key, count in figures["server"]["answers"].items()
                                            if key.startswith(request + " ")}
    print(json.dumps(figures))


def render(results_dir, output):
    meta = json.load(open(os.path.join(results_dir, "meta.json")))
    extra = json.load(open(os.path.join(results_dir, "extra.json")))
    phases, cpu_ticks = {}, {}
    for file in os.listdir(results_dir):
        if file.startswith("phase-") or file.startswith("cpu-"):
            loaded = json.load(open(os.path.join(results_dir, file)))
            (phases if file.startswith("phase-") else cpu_ticks)[loaded["name"]] = loaded

    def wrk(name):
        return phases[name]["wrk"]

    def ms(value):
        return "–" if value is None else f"{value:.2f} ms"

    def errors(name):
        """Non-2xx answers as the server logged them, and wrk's socket errors."""
        if isinstance(name, list):
            found = [errors(each) for each in name]
            return "; ".join(each for each in found if each != "none") or "none"
        parts = []
        server = phases[name].get("server")
        if server:
            for key, count in sorted(server["answers"].items()):
                status = int(key.split()[2])
                if not 200 <= status < 300:
                    parts.append(f"{count} × {key}")
            if server["problem_lines"]:
                parts.append(f"{server['problem_lines']} warning/error log lines")
        elif wrk(name)["non2xx"]:
            parts.append(f"{wrk(name)['non2xx']} non-2xx")
        socket = {kind: count for kind, count in wrk(name)["socket_errors"].items() if count}
        if socket:
            parts.append("socket errors " + ", ".join(f"{kind} {count}" for kind, count in socket.items()))
        starved = wrk(name).get("lua", {}).get("starved", 0)
        if starved:
            parts.append(f"{starved} sent without a pair left")
        return "; ".join(parts) or "none"

    rows = []

    def row(figure, measured, ceiling, ratio, target, passed, name=None):
        verdict = "–" if passed is None else ("pass" if passed else "**FAIL**")
        rows.append(f"| {figure} | {measured} | {ceiling} | {ratio} | {target} | {verdict} | "
                    f"{errors(name) if name else ''} |")

    def round_names(prefix):
        return [f"{prefix}_round{number}" for number in range(1, meta["rounds"] + 1)]

    def median_of(figures, key):
        values = [figure[key] for figure in figures if figure[key] is not None]
        return statistics.median(values) if values else None

    def per_second(rates):
        return ", ".join(f"{rate:,.0f}/s" for rate in rates)

    def median_ratio(ratios):
        """The rounds' median ratio, and its text with every round's beside it."""
        median = statistics.median(ratios)
        return median, f"{median:.1%} (median of {', '.join(f'{each:.1%}' for each in ratios)})"

    def cpu_per_request(names):
        """CPU time a request of koms, and of PostgreSQL if it ran, over the
        wrk runs of NAMES together, in microseconds."""
        requests = sum(wrk(name)["requests"] for name in names)
        if not requests or any(name not in cpu_ticks for name in names):
            return None, None
        used = {}
        for process in ["koms", "postgres"]:
            ticks = [cpu_ticks[name][process] for name in names]
            used[process] = None if None in ticks else sum(ticks) / meta["clock_ticks"] / requests * 1e6
        return used["koms"], used["postgres"]

    # The token checks: in each round, the ratio to that round's ceiling; the
    # table gives the medians of the rounds. The refreshes: the mean of the
    # last round's ceiling and one measured right after them.
    def ceiling_rows(prefix, first_label, after_label):
        names = round_names(prefix + "ceiling")
        ceilings = [wrk(name) for name in names]
        rates = [figure["ok_rps"] for figure in ceilings]
        median = statistics.median(rates)
        row(first_label, f"{median:,.0f}/s (rounds: {per_second(rates)}), "
            f"p50 {ms(median_of(ceilings, 'p50'))}, p99 {ms(median_of(ceilings, 'p99'))}", "–",
            f"max {max(rates) / min(rates):.0%} of min", "–", None, names)
        last, after = ceilings[-1], wrk(prefix + "ceiling_after")
        row(after_label, f"{after['ok_rps']:,.0f}/s, p50 {ms(after['p50'])}, p99 {ms(after['p99'])}", "–",
            f"{after['ok_rps'] / last['ok_rps']:.0%} of the last round's", "–", None, prefix + "ceiling_after")
        return rates, (last["ok_rps"] + after["ok_rps"]) / 2

    def check_rows(prefix, ceiling_rates, around_refresh, labels, goals):
        """GET /session, GET /user and PUT /session against the ceiling; no
        target when GOALS is None."""
        ceiling_median = statistics.median(ceiling_rates)
        for kind, label in zip(["get_session", "get_user"], labels):
            names = round_names(prefix + kind)
            figures = checks[prefix + kind] = [wrk(name) for name in names]
            ratios = [figure["ok_rps"] / ceiling for figure, ceiling in zip(figures, ceiling_rates)]
            ratio, ratio_text = median_ratio(ratios)
            measured = (f"{median_of(figures, 'ok_rps'):,.0f}/s, p50 {ms(median_of(figures, 'p50'))}, "
                        f"p99 {ms(median_of(figures, 'p99'))} (medians)")
            if goals is None:
                measured += cpu_text(names, kind)
            row(label, measured, f"each round's own, median {ceiling_median:,.0f}/s", ratio_text,
                f"≥ {goals[kind]:.0%}" if goals else "no target", ratio >= goals[kind] if goals else None, names)
        figure = wrk(prefix + "refresh")
        ratio = figure["ok_rps"] / around_refresh
        measured = f"{figure['ok_rps']:,.0f}/s, p50 {ms(figure['p50'])}, p99 {ms(figure['p99'])}"
        if goals is None:
            measured += cpu_text([prefix + "refresh"], "refresh")
        row(labels[2], measured, f"{around_refresh:,.0f}/s (mean of the last round's and the one after)",
            f"{ratio:.1%}", f"≥ {goals['refresh']:.0%}" if goals else "no target",
            ratio >= goals["refresh"] if goals else None, prefix + "refresh")

    def cpu_text(names, kind):
        """The CPU a request of the PostgreSQL run, beside koms's own on
        SQLite for the same requests."""
        koms, postgres = cpu_per_request(names)
        if koms is None or postgres is None:
            return ""
        sqlite_names = round_names(kind) if kind != "refresh" else ["refresh"]
        sqlite, _ = cpu_per_request(sqlite_names)
        beside = f"; koms on SQLite {sqlite:.0f} µs" if sqlite is not None else ""
        return f"; CPU a request: koms {koms:.0f} µs + PostgreSQL {postgres:.0f} µs{beside}"

    checks = {}
    ceiling_rates, around_refresh = ceiling_rows(
        "", "HTTP ceiling (bench/ceiling.c), first in each round of token checks",
        "HTTP ceiling, right after PUT /session")
    hashing = (extra["hashing_before"] + extra["hashing_after"]) / 2
    row(f"hashing ceiling (bench/hashing.c, {meta['hash_workers']} threads), before and after the logins "
        "and sign-ups", f"{extra['hashing_before']:.1f} and {extra['hashing_after']:.1f} hashes/s", "–",
        f"{extra['hashing_after'] / extra['hashing_before']:.0%}", "–", None)
    check_rows("", ceiling_rates, around_refresh,
               ["GET /session", "GET /user", "PUT /session, a fresh pair each, durable commits"],
               {"get_session": 0.60, "get_user": 0.55, "refresh": 0.15})
    batch_ceilings = [wrk(name)["ok_rps"] for name in round_names("ceiling_batch")]
    batch_names = round_names("get_session_batch")
    batch_figures = [wrk(name) for name in batch_names]
    batch_ratios = [figure["ok_rps"] / ceiling for figure, ceiling in zip(batch_figures, batch_ceilings)]
    row("GET /session, wrk as a batch task (its wake-ups do not preempt koms; see bench/NOTES.md)",
        f"{median_of(batch_figures, 'ok_rps'):,.0f}/s, p99 {ms(median_of(batch_figures, 'p99'))} (medians)",
        f"the ceiling as measured the same way, median {statistics.median(batch_ceilings):,.0f}/s",
        median_ratio(batch_ratios)[1], "no target", None, batch_names)
    figure = wrk("login")
    ratio = figure["ok_rps"] / hashing
    row("POST /session (logins)", f"{figure['ok_rps']:.1f}/s, p50 {ms(figure['p50'])}", f"{hashing:.1f}/s (mean)",
        f"{ratio:.1%}", "≥ 85%", ratio >= 0.85, "login")
    figure = wrk("signup")
    ratio = figure["ok_rps"] / hashing
    row("POST /user (sign-ups)", f"{figure['ok_rps']:.1f}/s, p50 {ms(figure['p50'])}", f"{hashing:.1f}/s (mean)",
        f"{ratio:.1%}", "none set", None, "signup")

    # The p99 while logins run: in each round, next to the HTTP ceiling's p99
    # while the hashing ceiling runs, measured seconds before it; the table
    # gives the medians of the rounds.
    mixed_names = round_names("get_during_logins")
    login_names = round_names("logins_during_gets")
    floor_names = round_names("ceiling_during_hashing")
    mixed = [wrk(name) for name in mixed_names]
    floors = [wrk(name) for name in floor_names]
    logins_rate = statistics.median(wrk(name)["ok_rps"] for name in login_names)
    mixed_p99, alone_p99 = median_of(mixed, "p99"), median_of(checks["get_session"], "p99")
    times = mixed_p99 / alone_p99 if mixed_p99 and alone_p99 else None
    rounds_p99 = ", ".join(ms(figure["p99"]) for figure in mixed)
    row("GET /session p99 while logins saturate hashing",
        f"{ms(mixed_p99)} (median of {rounds_p99}; {median_of(mixed, 'ok_rps'):,.0f}/s; "
        f"logins meanwhile {logins_rate:.1f}/s)",
        f"{ms(alone_p99)} without logins (median of the rounds)", f"{times:.1f}×" if times else "–",
        "≤ 5 ms and ≤ 3×", bool(times) and mixed_p99 <= 5 and times <= 3, mixed_names)
    row("logins meanwhile (the load of the row above)", f"{logins_rate:.1f}/s (median of the rounds)",
        f"{hashing:.1f}/s", f"{logins_rate / hashing:.1%}", "–", None, login_names)
    over_floor = [figure["p99"] / floor["p99"] for figure, floor in zip(mixed, floors)
                  if figure["p99"] and floor["p99"]]
    floor_p99 = median_of(floors, "p99")
    row("HTTP ceiling p99 while the hashing ceiling runs at nice 10 (this machine's floor for the p99 row), "
        "in the same rounds",
        f"{ms(floor_p99)} (median of {', '.join(ms(figure['p99']) for figure in floors)}; "
        f"{median_of(floors, 'ok_rps'):,.0f}/s)", "–",
        f"koms's p99 is {statistics.median(over_floor):.1f}× this (median of the rounds' "
        f"{', '.join(f'{each:.1f}×' for each in over_floor)})" if over_floor else "–",
        "no target", None, floor_names)

    budget = 64 + meta["hash_workers"] * meta["argon2_memory_kib"] / 1024
    rss, hwm = extra["rss_kib"] / 1024, extra["hwm_kib"] / 1024
    row("resident memory after the run (VmRSS)", f"{rss:.0f} MiB", f"{budget:.0f} MiB budget",
        f"{rss / budget:.0%}", "≤ 64 MiB + workers × m", rss <= budget)
    row("peak resident memory (VmHWM)", f"{hwm:.0f} MiB", f"{budget:.0f} MiB budget", f"{hwm / budget:.0%}",
        "(same budget)", None)

    # Scale: in each round, the large database's rate against the small one's,
    # measured right before it; the table gives the medians of the rounds.
    def scale_figures(size):
        names = round_names(f"scale_{size}")
        figures = [wrk(name) for name in names]
        rates = [figure["ok_rps"] for figure in figures]
        measured = (f"{statistics.median(rates):,.0f}/s (rounds: {per_second(rates)}), "
                    f"p99 {ms(median_of(figures, 'p99'))} (medians)")
        return names, rates, measured

    small_names, small_rates, measured = scale_figures("small")
    row(f"GET /session at {meta['scale_small']:,} sessions", measured, "–", "–", "–", None, small_names)
    large_names, large_rates, measured = scale_figures("large")
    ratios = [large / small if small else 0 for large, small in zip(large_rates, small_rates)]
    ratio, ratio_text = median_ratio(ratios)
    row(f"GET /session at {meta['scale_large']:,} sessions", measured,
        f"each round's at {meta['scale_small']:,}, median {statistics.median(small_rates):,.0f}/s",
        ratio_text, "≥ 80%", ratio >= 0.80, large_names)
    size = extra["scale_database_bytes"]
    row(f"database on disk at {meta['scale_large']:,} sessions", f"{size / 2**20:,.0f} MiB "
        f"({size / meta['scale_large']:.0f} bytes a session)", "–", "–", "none set", None)

    # The same token checks and refreshes on PostgreSQL, with a ceiling of
    # their own moment; the issue sets no target for them.
    rows.append("| **PostgreSQL** (no read cache: each token check is a round trip to it) | | | | | | |")
    ceiling_rates, around_refresh = ceiling_rows(
        "postgres_", "HTTP ceiling, first in each round of the PostgreSQL token checks",
        "HTTP ceiling, right after PUT /session on PostgreSQL")
    check_rows("postgres_", ceiling_rates, around_refresh,
               ["GET /session on PostgreSQL", "GET /user on PostgreSQL",
                "PUT /session on PostgreSQL, a fresh pair each, one conditional UPDATE"], None)

    lines = [
        f"# koms benchmark, {meta['date']}, commit {meta['commit']}",
        "",
        f"- commit: `{meta['commit']}`{meta['dirty']}",
        f"- machine: {meta['cores']} cores, {meta['cpu']}, {meta['memory']}, Linux {meta['kernel']}; "
        f"load average (1, 5, 15 min) {meta['load_before']} before the run, {meta['load_after']} after it; "
        "the load generator (wrk) shares these cores, and so does any other work on the machine",
        f"- software: {meta['software']}",
        f"- koms: `{meta['koms_arguments']}` (release build); each server on a fresh database in a temporary "
        f"folder on {meta['filesystem']}; `synchronous=full`, log level info (one log line per request)",
        f"- HTTP ceiling: bench/ceiling.c, libmicrohttpd with koms's flags, {meta['cores']} threads, the same "
        f"limits (per-address connection limit {meta['per_address_limit']}, as given to koms), on its own port "
        f"next to koms. The token checks are measured in {meta['rounds']} rounds, each running the ceiling, "
        f"GET /session and GET /user back to back for {meta['round_seconds']} s each, so that each ratio compares "
        "runs seconds apart while the load of other work drifts over minutes; the table gives the medians of the "
        "rounds' ratios to their own ceiling, rates and latencies. Each round then runs the ceiling and GET /session "
        "once more with wrk under SCHED_BATCH (chrt --batch), whose wake-ups do not preempt the server, for a "
        "row without a target that shows what the load generator's preemption costs. PUT /session, whose pairs "
        "rotate and cannot be replayed, runs once after the rounds, against the mean of the last round's ceiling "
        "and one measured right after it",
        f"- hashing ceiling: bench/hashing.c, argon2id t = {meta['argon2_iterations']}, "
        f"m = {meta['argon2_memory_kib']} KiB, {meta['hash_workers']} threads, {meta['seconds']} s, at normal "
        "priority (koms's hashing threads run at nice 10); measured before the logins and again after the "
        "sign-ups, the ratios use the mean",
        f"- load: wrk {meta['wrk_threads']} threads, {meta['connections']} connections, {meta['seconds']} s a "
        f"phase ({meta['round_seconds']} s a run in the rounds of token checks and of the scale phase) after a "
        f"{meta['warmup_seconds']} s warm-up at each server start; the rates count 2xx answers only. Logins "
        f"cycle over {meta['accounts']} accounts; refreshes take from a pool of {meta['refresh_pairs']} pairs, "
        "each answer's new pair going back; while logins saturate hashing, a second wrk runs the login load of "
        f"the login phase at the same time, started 1.5 s before and ended 1.5 s after; that phase runs in "
        f"{meta['rounds']} rounds of {meta['round_seconds']} s, each after a run of the HTTP ceiling while the "
        "hashing ceiling runs at nice 10, its floor",
        f"- scale: sessions inserted with the sqlite3 CLI next to one real token's session, in two databases of "
        f"{meta['scale_small']:,} and {meta['scale_large']:,} sessions, each served by its own server, the two "
        f"running at once and warmed up; GET /session is measured in {meta['rounds']} rounds, each running the "
        f"small database and then the large one for {meta['round_seconds']} s each, so that each ratio compares "
        "runs seconds apart; the table gives the medians of the rounds' rates, latencies and ratios",
        f"- PostgreSQL: {meta['postgres_version']}, a throwaway cluster in the same temporary folder, reached "
        f"over TCP on 127.0.0.1 with trust authentication; {meta['postgres_settings']}; koms with "
        f"{meta['postgres_threads']} event threads (its default on PostgreSQL, four a core: a check waits for its "
        f"round trip on one), its pool at its default of threads + hash workers + 1 = "
        f"{meta['postgres_connections']} connections, and the same options as above otherwise. PostgreSQL runs on the same {meta['cores']} cores as koms and wrk. Its token checks "
        f"and refreshes are measured as those on SQLite, with the HTTP ceiling started again for them. CPU a "
        "request: the user and system time of koms, and of every PostgreSQL process, during the wrk runs, "
        "divided by the requests",
        f"- whole run: {meta['elapsed']}",
        "",
        "| figure | measured | ceiling | ratio | target | result | non-2xx answers and errors |",
        "|---|---|---|---|---|---|---|",
    ] + rows
    text = "\n".join(lines) + "\n"
    with open(output, "w") as file:
        file.write(text)
    print(text)


if __name__ == "__main__":
    command, arguments = sys.argv[1], sys.argv[2:]
    if command == "prepare":
        prepare(arguments[0], arguments[1], arguments[2], int(arguments[3]), int(arguments[4]))
    elif command == "token":
        token()
    elif command == "port":
        free_port()
    elif command == "cpu":
        cpu(*arguments)
    elif command == "phase":
        phase(*arguments)
    elif command == "render":
        render(arguments[0], arguments[1])
    else:
        sys.exit(f"bench.py: unknown command {command}")
