#!/usr/bin/env python3
"""Shows that annotations leave a doc's rendering alone: docutils (for .rst;
cmark for Markdown) renders the original and the annotated doc to HTML,
comments are dropped (Sphinx drops them entirely), and the two must be the same.

    script/rendered_html_equal.py ORIGINAL ANNOTATED

Sphinx's directives (todo, versionadded, ...) are registered as in
rst_conformance.py. Exits 1, printing a diff, when the renderings differ.
"""
import difflib
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import rst_conformance  # noqa: E402,F401  (registers Sphinx's directives)
from docutils.core import publish_string  # noqa: E402


def render(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if not path.endswith(".rst"):
        # Markdown: cmark's HTML (raw HTML kept, then comments dropped as for RST).
        html = subprocess.run(["cmark", "--unsafe"], input=text, capture_output=True, text=True, check=True).stdout
        return [line for line in re.sub(r"<!--.*?-->\n?", "", html, flags=re.DOTALL).splitlines() if line.strip()]
    # No system messages: they carry line numbers, which annotations shift.
    html = publish_string(text, writer_name="html5", settings_overrides={
        "report_level": 5, "halt_level": 5, "output_encoding": "unicode", "embed_stylesheet": False})
    without_comments = re.sub(r"<!--.*?-->\n?", "", html, flags=re.DOTALL)
    return without_comments.splitlines()


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    original, annotated = render(sys.argv[1]), render(sys.argv[2])
    if original == annotated:
        print(f"same HTML ({len(original)} lines) once comments are dropped")
        return 0
    sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(original, annotated, sys.argv[1], sys.argv[2], lineterm=""))
    return 1


if __name__ == "__main__":
    sys.exit(main())
