"""The floor: the least work any article linter must do, in one process, for comparison.

For every ``*.md`` / ``*.markdown`` file under the given paths (files named are read as
they are): read the bytes, decode UTF-8 (a BOM dropped), split the front matter with a
regex, load it with PyYAML's libyaml loader (``CSafeLoader``), validate it against
artlint's default schema (``artlint.schemas/article.schema.json``) with a
``FormatChecker`` that knows the schema's formats (artlint's, as the schema needs them),
and parse the body with ``html5lib.HTMLParser().parseFragment``. Nothing is reported but
a count: ``benchmarks/run.py`` times the whole process and divides artlint's figures by
this one.

    python benchmarks/floor.py DIR [DIR...]
"""

from __future__ import annotations

import json
import os
import re
import sys
from importlib import resources

import html5lib
import jsonschema
import yaml

from artlint.formats import format_checker

FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.S | re.M)
SUFFIXES = (".md", ".markdown")


def article_paths(paths: list[str]) -> list[str]:
    found: list[str] = []
    for path in paths:
        if not os.path.isdir(path):
            found.append(path)
            continue
        for folder, directories, files in os.walk(path):
            directories[:] = sorted(name for name in directories if not name.startswith("."))
            found.extend(os.path.join(folder, name) for name in sorted(files))
    return [path for path in found if path.endswith(SUFFIXES)]


def main(argv: list[str]) -> int:
    schema_text = resources.files("artlint.schemas").joinpath("article.schema.json").read_text()
    schema = json.loads(schema_text)
    validator_class = jsonschema.validators.validator_for(schema)
    validator = validator_class(schema, format_checker=format_checker())
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = problems = 0
    for path in article_paths(argv or ["."]):
        with open(path, "rb") as stream:
            data = stream.read()
        files += 1
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            problems += 1
            continue
        match = FRONT_MATTER.match(text)
        body = text
        if match is None:
            problems += 1
        else:
            body = text[match.end() :]
            try:
                front = yaml.load(match.group(1), Loader=loader)
            except yaml.YAMLError:
                problems += 1
            else:
                problems += sum(1 for _ in validator.iter_errors(front))
        parser = html5lib.HTMLParser()
        parser.parseFragment(body)
        problems += len(parser.errors)
    print(f"{files} files, {problems} problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
