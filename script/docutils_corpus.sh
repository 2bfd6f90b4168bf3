#!/usr/bin/env bash
# Prints the RST files of the docutils source distribution, the version pip
# installed, downloading and unpacking it once into .build/docutils-corpus/:
# its docs/ and test/functional/input/ (.txt files, .rst from docutils 0.22),
# a corpus nobody here wrote. script/setup pins the docutils the tests use.
#   script/docutils_corpus.sh
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python3 -c 'import docutils; print(docutils.__version__)')
root=.build/docutils-corpus/docutils-$version
if [[ ! -d $root ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  pip download --quiet --no-deps --no-binary :all: "docutils==$version" -d "$work" >&2
  mkdir -p .build/docutils-corpus
  tar xzf "$work"/docutils-"$version".tar.gz -C "$work"
  mv "$work/docutils-$version" "$root"
fi
# Up to 0.21 the sources are .txt files; from 0.22 on they end in .rst.
extension=txt
[[ -n $(find "$root/docs" -name '*.txt' -print -quit) ]] || extension=rst
find "$PWD/$root/docs" "$PWD/$root/test/functional/input" -name "*.$extension" | sort
