#!/usr/bin/env bash
# Prints the RST files of the docutils source distribution, the version pip
# installed, downloading and unpacking it once into .build/docutils-corpus/:
# its docs/ and test/functional/input/ (.txt files), a corpus nobody here wrote.
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
find "$PWD/$root/docs" "$PWD/$root/test/functional/input" -name '*.txt' | sort
