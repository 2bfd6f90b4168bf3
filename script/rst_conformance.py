#!/usr/bin/env python3
"""Compares runbook's RST reader with docutils, the reference, file by file.

For each file: the section tree (depth and title text) and every literal
block's text must agree; counts of lists and tables are compared too. Files on
which docutils reports a severe error are reported but not counted.

    script/rst_conformance.py [--runbook PATH] [--verbose] FILE...

Prints one line a file and a closing summary; exits 1 if a counted file disagrees.
"""
import argparse
import io
import json
import subprocess
import sys

from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives


class SphinxContainer(Directive):
    """Sphinx directives docutils lacks, read as Sphinx reads their content."""
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = None

    def run(self):
        container = nodes.container()
        self.state.nested_parse(self.content, self.content_offset, container)
        return [container]


class SphinxContentContainer(SphinxContainer):
    """Those that take no argument: their first lines are content, even with no blank line."""
    optional_arguments = 0


# Sphinx's names for docutils' code directive.
from docutils.parsers.rst.directives.body import CodeBlock  # noqa: E402
class SphinxCodeBlock(CodeBlock):
    """Sphinx's options for code blocks, which docutils' code directive lacks, are accepted and dropped."""
    option_spec = dict(CodeBlock.option_spec, caption=directives.unchanged, linenos=directives.flag,
                       **{"emphasize-lines": directives.unchanged, "lineno-start": directives.unchanged,
                          "dedent": directives.unchanged, "force": directives.flag})

    def run(self):
        for option in ("caption", "linenos", "emphasize-lines", "lineno-start", "dedent", "force"):
            self.options.pop(option, None)
        return super().run()


for name in ("code", "code-block", "sourcecode"):
    directives.register_directive(name, SphinxCodeBlock)

for name in ("versionadded", "versionchanged", "deprecated", "only"):
    directives.register_directive(name, SphinxContainer)
for name in ("todo", "toctree", "seealso"):
    directives.register_directive(name, SphinxContentContainer)


def inside(node, kind):
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kind):
            return True
        parent = parent.parent
    return False


def generated(node):
    """In an error report, or in a table of contents the contents transform made."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, nodes.system_message):
            return True
        if isinstance(parent, nodes.topic) and "contents" in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


def literal_text(block):
    """A literal block's text without the line numbers `:number-lines:` decorates it with."""
    return "".join(child.astext() for child in block.children
                   if not (isinstance(child, nodes.inline) and "ln" in child.get("classes", [])))


def docutils_view(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read()
    doctree = publish_doctree(text, source_path=path, settings_overrides={
        "report_level": 5, "halt_level": 5, "doctitle_xform": False,
        "warning_stream": io.StringIO(), "input_encoding": "utf-8"})
    severe = any(m["level"] >= 4 for m in doctree.findall(nodes.system_message))
    sections = []
    for section in doctree.findall(nodes.section):
        depth = 1
        parent = section.parent
        while parent is not None:
            depth += isinstance(parent, nodes.section)
            parent = parent.parent
        # The title as written: without the numbers the sectnum transform adds.
        title = "".join(child.astext() for child in section[0].children if not isinstance(child, nodes.generated))
        sections.append((depth, title))
    # Literal blocks docutils made from directives it does not know are error reports, not content.
    literals = [literal_text(n) for n in doctree.findall(nodes.literal_block) if not inside(n, nodes.system_message)]
    counts = {
        "lists": sum(1 for n in doctree.findall(lambda n: isinstance(n, (nodes.bullet_list, nodes.enumerated_list))) if not generated(n)),
        "tables": sum(1 for n in doctree.findall(nodes.table) if not generated(n)),
    }
    return sections, literals, counts, severe


def runbook_view(runbook, path):
    result = subprocess.run([runbook, "ast", path, "--format", "json", "--syntax", "rst"], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip())
    tree = json.loads(result.stdout)
    sections, literals, counts = [], [], {"lists": 0, "tables": 0}

    def walk(node, depth):
        kind = node["type"]
        if kind == "section":
            depth += 1
            sections.append((depth, node["title"]))
        elif kind == "code_block" and node.get("language") != "doctest":
            literals.append(node["text"])
        elif kind == "list":
            counts["lists"] += 1
        elif kind == "table":
            counts["tables"] += 1
        for child in node.get("children", []):
            walk(child, depth)

    walk(tree, 0)
    return sections, literals, counts


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runbook", default=".build/debug/runbook")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()

    counted = agreed = counts_agreed = severe_files = 0
    for path in args.files:
        try:
            ref_sections, ref_literals, ref_counts, severe = docutils_view(path)
        except Exception as error:  # docutils itself gave up on the file
            print(f"{path}: skipped: docutils failed: {error}")
            severe_files += 1
            continue
        if severe:
            print(f"{path}: skipped: docutils reports a severe error")
            severe_files += 1
            continue
        try:
            sections, literals, counts = runbook_view(args.runbook, path)
        except Exception as error:
            print(f"{path}: DISAGREE: runbook failed: {error}")
            counted += 1
            continue
        counted += 1
        problems = []
        if sections != ref_sections:
            problems.append(f"sections differ: docutils {ref_sections} runbook {sections}" if args.verbose else "sections differ")
        if literals != ref_literals:
            problems.append(f"literal blocks differ: docutils {ref_literals} runbook {literals}" if args.verbose else "literal blocks differ")
        if not problems:
            agreed += 1
        if counts == ref_counts:
            counts_agreed += 1
        else:
            problems.append(f"counts differ: docutils {ref_counts} runbook {counts}")
        print(f"{path}: " + ("agree" if not problems else "DISAGREE: " + "; ".join(problems)))

    print(f"sections and literal blocks agree on {agreed}/{counted} files; "
          f"counts on {counts_agreed}/{counted}; {severe_files} skipped (severe docutils errors)")
    return 0 if agreed == counted else 1


if __name__ == "__main__":
    sys.exit(main())
