#!/usr/bin/env python3
"""Compares what runbook extracts from real procedure pages with readings made by hand.

Each page under Tests/Fidelity/pages/<owner+repo>/ has a `<page>.reading` beside it,
written from the page alone, before looking at runbook's output. One line each:

    page <path in its repository>
    run <interp>: <command>          the operator types it on the page's main path
    alt <k=v,...> <interp>: <cmd>    one alternative of a choice (task=install, platform=rhel, ...)
    optional <interp>: <cmd>         optional: neither required nor wrong to run
    session: <cmd>                   changes the terminal (cd, su -, source, exit): issue #15
    interactive: <cmd>               an editor or a prompt: not for a script
    not <kind>: <line>               a line that must never run: output, config, admonition, reference

<interp> is shell, psql, mysql or python. Commands are compared after joining
backslash continuations and collapsing white space.

Figures, over all pages:
  recall     required commands (run, alt) that runbook runs or offers, strictly with
             the right interpreter (loosely: with any)
  precision  commands runbook would run that the reading expects (run, alt, optional,
             session, interactive), strictly with the right interpreter
  harmful    runs that would execute a `not` line, or commands of two options of one
             choice without a condition between them (a command only one option
             has, and a command only the other has; a command both share is neither)

  unrunnable runs that cannot run as written: a shell command that `bash -n` rejects,
             a placeholder token left in a shell word (<name>, |name|, {name}, YOUR_...,
             X.Y.Z, an ellipsis word or [...]), or a program that needs a terminal (an editor, a pager, -it) that
             the script does not give the operator's terminal

Parts: `pages` (the 40 pages the reading rules were first written from),
`working` and `sealed` (issue 26's corpus, split by script/split_corpus.py; the
sealed part is scored once, at the end), `sealed2` (48 pages of 13 further
projects, read by hand before runbook ever ran on them; scored once, on
2026-12-07), `sealed3` (64 pages of 19 more projects, made the same way;
scored once, on 2026-12-07), and `sealed4` (39 pages of 10 more projects,
made the same way on 2026-12-08; scored once, on 2026-12-08).

Usage: script/fidelity.py [--runbook PATH] [--part pages|working|sealed|sealed2|sealed3|sealed4] [--verbose] [PAGE...]
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIDELITY = os.path.join(ROOT, "Tests", "Fidelity")
PAGES = os.path.join(FIDELITY, "pages")
SHELLS = {"bash", "sh", "shell"}


def family(interpreter):
    return "shell" if interpreter in SHELLS else interpreter


def normalize(text):
    text = re.sub(r"\\\n\s*", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def read_reading(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#") or line.startswith("page "):
                continue
            m = re.match(r"^(run|optional|alt ([^ ]+)) (\w+): (.*)$", line)
            if m:
                choice = dict(kv.split("=", 1) for kv in m.group(2).split(",")) if m.group(2) else {}
                kind = "alt" if m.group(2) else m.group(1)
                entries.append({"kind": kind, "choice": choice, "interp": m.group(3), "text": normalize(m.group(4))})
                continue
            m = re.match(r"^(session|interactive): (.*)$", line)
            if m:
                entries.append({"kind": m.group(1), "choice": {}, "interp": None, "text": normalize(m.group(2))})
                continue
            m = re.match(r"^not ([\w-]+): (.*)$", line)
            if m:
                entries.append({"kind": "not", "what": m.group(1), "choice": {}, "interp": None, "text": normalize(m.group(2))})
                continue
            sys.exit(f"{path}:{number}: cannot read this line")
    return entries


def unfinished(text):
    """True while bash would read more lines for this command: a quote or a `$(` still open."""
    check = subprocess.run(["bash", "-n", "-c", text], capture_output=True, text=True)
    return "unexpected EOF" in check.stderr or "unexpected end of file" in check.stderr


def split_script(text, interpreter):
    """The commands of one extracted command text, as a reading lists them."""
    if family(interpreter) == "python":
        return [normalize(text)]
    lines, current, delimiter = [], "", None
    for raw in text.split("\n"):
        line = raw.rstrip()
        if current:
            current += "\n" + line
        else:
            current = line
        if line.endswith("\\"):
            continue
        if family(interpreter) == "shell" and delimiter is None and ('"' in current or "'" in current or "$(" in current) \
                and unfinished(current) and not unfinished(text):
            continue
        # A here-document's lines belong to its command.
        if delimiter is not None:
            if line.strip() != delimiter:
                continue
            delimiter = None
        elif family(interpreter) == "shell":
            m = re.search(r"<<-?\s*['\"]?(\w+)", line)
            if m:
                delimiter = m.group(1)
                continue
        stripped = current.strip().split("\n")[0] if delimiter is None and "<<" in current else current.strip()
        current = ""
        if not stripped:
            continue
        if family(interpreter) == "shell" and stripped.startswith("#"):
            continue
        if family(interpreter) in ("psql", "mysql") and stripped.startswith("--"):
            continue
        lines.append(stripped)
    if current.strip():
        lines.append(current.strip())
    if family(interpreter) in ("psql", "mysql"):
        # Statements end with ';' (a meta-command at its line's end); join the rest.
        statements, buffer = [], []
        for line in lines:
            buffer.append(line)
            if line.endswith(";") or line.startswith("\\"):
                statements.append(" ".join(buffer))
                buffer = []
        if buffer:
            statements.append(" ".join(buffer))
        lines = statements
    return [normalize(line) for line in lines]


def extracted(runbook, page):
    result = subprocess.run([runbook, "plan", "--format", "json", page], capture_output=True, text=True)
    if result.returncode != 0:
        return None, result.stderr.strip().splitlines()[-1:] or ["exit %d" % result.returncode]
    plan = json.loads(result.stdout)
    runs = []
    placeholders = [p["placeholder"] for p in plan["parameters"] if p.get("placeholder")]
    for step in plan["steps"]:
        if step.get("skipped") or step["kind"] != "command":
            continue
        for command in step["commands"]:
            conditioned = bool(step.get("condition") or command.get("condition"))
            for text in split_script(command["text"], command["interpreter"]):
                runs.append({"interp": family(command["interpreter"]), "text": text, "conditioned": conditioned,
                             "line": command["line"], "raw": command["text"], "placeholders": placeholders,
                             "terminal": bool(command.get("needsTerminal"))})
    return runs, []


PLACEHOLDER = re.compile(r"<[A-Za-z][\w .:/-]*>|\|[A-Za-z_][\w-]*\||(?<![$\w]){[A-Za-z_][\w-]*}|\bYOUR_[A-Z_]+\b|\b[Xx]\.[Yy](\.[Zz])?\b"
                         r"|\[(\.\.\.|…)\]|(?<!\S)(\.\.\.|…)(?!\S)")
TERMINAL = re.compile(r"(^|[;&|]\s*|sudo\s+(-\S+\s+)*)(vi|vim|nano|emacs|sudoedit|less|more|top|htop|passwd|mysql_secure_installation)(\s|$)|\s-it\b|\s-ti\b|--password-prompt")


def unrunnable(run):
    """Why a command cannot run as written, or None."""
    if run["interp"] != "shell":
        return None
    text = run["text"]
    # A placeholder a parameter stands for is replaced before the command runs.
    for placeholder in run["placeholders"]:
        text = text.replace(placeholder, "VALUE")
    if PLACEHOLDER.search(re.sub(r"'[^']*'", "''", text)):
        return "placeholder token"
    if TERMINAL.search(text) and not run["terminal"]:
        return "needs a terminal"
    raw = run["raw"]
    for placeholder in run["placeholders"]:
        raw = raw.replace(placeholder, "VALUE")
    check = subprocess.run(["bash", "-n", "-c", raw], capture_output=True, text=True)
    if check.returncode != 0:
        return "bash -n: " + (check.stderr.strip().splitlines() or ["syntax"])[-1]
    return None


def matches(run, entry):
    a, b = run["text"], entry["text"]
    return a == b or (len(b) >= 12 and (a.startswith(b) or b in a))


def score(page, reading, runbook, verbose):
    entries = read_reading(reading)
    runs, errors = extracted(runbook, page)
    result = {"page": os.path.relpath(page, PAGES), "required": 0, "found_strict": 0, "found_loose": 0,
              "ran": 0, "expected_runs": 0, "harmful": [], "missed": [], "unexpected": [], "errors": errors, "unrunnable": []}
    if runs is None:
        runs = []
    required = [e for e in entries if e["kind"] in ("run", "alt")]
    result["required"] = len(required)
    used = set()
    for entry in required:
        strict = next((i for i, r in enumerate(runs) if i not in used and matches(r, entry) and r["interp"] == family(entry["interp"])), None)
        loose = strict if strict is not None else next((i for i, r in enumerate(runs) if i not in used and matches(r, entry)), None)
        if strict is not None:
            result["found_strict"] += 1
        if loose is not None:
            result["found_loose"] += 1
            used.add(loose)
        else:
            result["missed"].append(entry["text"])
    result["ran"] = len(runs)
    for run in runs:
        why = unrunnable(run)
        if why:
            result["unrunnable"].append(f"{run['line']}: {why}: {run['text']}")
    for index, run in enumerate(runs):
        expected = [e for e in entries if e["kind"] != "not" and matches(run, e)]
        if any(e["interp"] is None or family(e["interp"]) == run["interp"] for e in expected):
            result["expected_runs"] += 1
        else:
            result["unexpected"].append(f"{run['line']}: [{run['interp']}] {run['text']}")
        # A line the reading both expects and forbids (the same command on the main
        # path and in another OS's tab) is not counted harmful: a reading cannot say which block.
        if any(e["kind"] != "not" and run["text"] == e["text"] for e in entries):
            continue
        for entry in entries:
            if entry["kind"] == "not" and (run["text"] == entry["text"] or (len(entry["text"]) >= 8 and entry["text"] in run["text"])):
                if not run["conditioned"]:
                    result["harmful"].append(f"{run['line']}: runs {entry['what']}: {run['text']}")
                break
    # Two options of one choice, both run without a condition: a command only
    # option a has and a command only option b has. A command both options
    # share (`./configure`, `make`) is not one of them: run once, it is what
    # either option asks.
    unconditioned = [(index, run, e) for index, run in enumerate(runs) if not run["conditioned"]
                     for e in entries if e["kind"] == "alt" and matches(run, e)]

    def also_in(run, key, value):
        return any(e["kind"] == "alt" and e["choice"].get(key) == value and matches(run, e) for e in entries)

    seen = set()
    for (index_a, run_a, a) in unconditioned:
        for (index_b, run_b, b) in unconditioned:
            if index_a == index_b:
                continue
            for key, value in a["choice"].items():
                if key in b["choice"] and b["choice"][key] != value \
                        and not also_in(run_a, key, b["choice"][key]) and not also_in(run_b, key, value):
                    pair = (key, *sorted([value, b["choice"][key]]))
                    if pair not in seen:
                        seen.add(pair)
                        result["harmful"].append(f"{run_a['line']}, {run_b['line']}: runs {key}={value} and {key}={b['choice'][key]} one after the other")
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runbook", default=os.path.join(ROOT, ".build", "debug", "runbook"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--part", default="pages", choices=["pages", "working", "sealed", "sealed2", "sealed3", "sealed4"])
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    global PAGES
    PAGES = os.path.join(FIDELITY, args.part)
    readings = []
    for repo in sorted(os.listdir(PAGES)):
        for name in sorted(os.listdir(os.path.join(PAGES, repo))):
            if name.endswith(".reading"):
                readings.append((os.path.join(PAGES, repo, name[: -len(".reading")]), os.path.join(PAGES, repo, name)))
    if args.pages:
        readings = [r for r in readings if any(p in r[0] for p in args.pages)]
    totals = {"required": 0, "found_strict": 0, "found_loose": 0, "ran": 0, "expected_runs": 0, "harmful": 0, "unrunnable": 0}
    harmful_pages = 0
    projects = set()
    for page, reading in readings:
        r = score(page, reading, args.runbook, args.verbose)
        projects.add(r["page"].split("/")[0])
        for key in ("required", "found_strict", "found_loose", "ran", "expected_runs"):
            totals[key] += r[key]
        totals["harmful"] += len(r["harmful"])
        totals["unrunnable"] += len(r["unrunnable"])
        harmful_pages += 1 if r["harmful"] else 0
        recall = 100 * r["found_strict"] / r["required"] if r["required"] else 100
        precision = 100 * r["expected_runs"] / r["ran"] if r["ran"] else 100
        print(f"{r['page']}: recall {recall:.0f}% ({r['found_strict']}/{r['required']}), precision {precision:.0f}% "
              f"({r['expected_runs']}/{r['ran']}), harmful {len(r['harmful'])}, unrunnable {len(r['unrunnable'])}")
        for error in r["errors"]:
            print(f"  error: {error}")
        for harm in r["harmful"]:
            print(f"  harmful: {harm}")
        if args.verbose:
            for text in r["unrunnable"]:
                print(f"  unrunnable: {text}")
            for text in r["missed"]:
                print(f"  missed: {text}")
            for text in r["unexpected"]:
                print(f"  not expected: {text}")
    t = totals
    print(f"\n{len(readings)} pages of {len(projects)} projects: "
          f"recall {100 * t['found_strict'] / max(t['required'], 1):.1f}% strict, {100 * t['found_loose'] / max(t['required'], 1):.1f}% loose "
          f"({t['found_strict']}/{t['found_loose']} of {t['required']}); "
          f"precision {100 * t['expected_runs'] / max(t['ran'], 1):.1f}% ({t['expected_runs']}/{t['ran']}); harmful {t['harmful']} "
          f"on {harmful_pages} pages; unrunnable {t['unrunnable']}")


if __name__ == "__main__":
    main()
