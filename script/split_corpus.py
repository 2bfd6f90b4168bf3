#!/usr/bin/env python3
"""Splits newly read pages, by project, at random into the working part (two
thirds) and the sealed part (one third) of the fidelity corpus.

    script/split_corpus.py INCOMING_DIR [--seed N]

Each project folder of INCOMING_DIR (OWNER+NAME/, its pages, their readings and
SOURCE.md) moves to Tests/Fidelity/working/ or Tests/Fidelity/sealed/. Projects
whose license is unknown (NOASSERTION) are left out: their text cannot be
copied here. The draw is recorded in Tests/Fidelity/SPLIT.md; a project split
later is drawn with the same generator, continued. Nobody reads the sealed
part before the final score: no reading rule may name its projects or text.
"""
import argparse
import os
import random
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIDELITY = os.path.join(ROOT, "Tests", "Fidelity")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("incoming")
    parser.add_argument("--seed", type=int, default=20261207)
    args = parser.parse_args()
    record = os.path.join(FIDELITY, "SPLIT.md")
    done = set(re.findall(r"^\| (\S+) \|", open(record).read(), re.M)) if os.path.exists(record) else set()
    projects = []
    for name in sorted(os.listdir(args.incoming)):
        folder = os.path.join(args.incoming, name)
        source = os.path.join(folder, "SOURCE.md")
        if not os.path.isdir(folder) or name in done or not os.path.exists(source):
            continue
        license = re.search(r"^license:\s*(.+)$", open(source).read(), re.M)
        if not license or "NOASSERTION" in license.group(1):
            print(f"left out (no license): {name}", file=sys.stderr)
            continue
        projects.append(name)
    rng = random.Random(args.seed)
    # The generator continues past the draws already recorded.
    for _ in range(len(done)):
        rng.random()
    rows = []
    for name in projects:
        part = "sealed" if rng.random() < 1 / 3 else "working"
        pages = len([f for f in os.listdir(os.path.join(args.incoming, name)) if f.endswith(".reading")])
        os.makedirs(os.path.join(FIDELITY, part), exist_ok=True)
        shutil.move(os.path.join(args.incoming, name), os.path.join(FIDELITY, part, name))
        rows.append(f"| {name} | {part} | {pages} |")
    if not os.path.exists(record):
        with open(record, "w") as f:
            f.write("# The split of the corpus read for issue 26\n\n"
                    "Drawn by `script/split_corpus.py` (seed 20261207, one draw a project, in name order;\n"
                    "a draw under 1/3 seals the project). The sealed part is scored once, at the end.\n\n"
                    "| project | part | pages |\n|---|---|---|\n")
    with open(record, "a") as f:
        for row in rows:
            f.write(row + "\n")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
