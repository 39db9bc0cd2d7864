"""Label dictionary files: the packaged ``labels.yaml`` and users' ``--labels`` files.

Both have the shape ``context -> field -> [variants]`` (a single string is one
variant). A user file may only name known contexts and, outside the open contexts,
known fields; anything else is a :class:`LabelFileError` naming the file.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

import yaml

from jixiao.normalize.label_types import Variant
from jixiao.normalize.text import label_key

# Contexts whose fields are open-ended names (user files may add new ones); in every
# other context a field must be one the default dictionary knows. They are a closed
# vocabulary of level names, matched exactly only: "群众满意度" is an indicator, not a
# typo of a level.
OPEN_CONTEXTS = frozenset({"indicator_level1", "indicator_level2"})

Entries = dict[str, dict[str, list[str]]]
# libyaml's safe loader when PyYAML was built with it: a tenth of the pure-Python time.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class LabelFileError(ValueError):
    """A label file that cannot be used; the message names the file and the problem."""


def packaged_entries() -> Entries:
    resource = resources.files("jixiao.normalize").joinpath("labels.yaml")
    return _parse(resource.read_text(encoding="utf-8"), "labels.yaml (packaged)", base=None)


def read_file(path: Path, base: Entries) -> Entries:
    """A user file, checked against ``base`` (the packaged entries)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LabelFileError(f"{path}: label file not found") from None
    except UnicodeDecodeError:
        raise LabelFileError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        raise LabelFileError(f"{path}: cannot read label file ({error.strerror})") from None
    return _parse(text, str(path), base=base)


def variants_of(entries: Entries, rank: int) -> dict[str, list[Variant]]:
    return {
        context: [
            Variant(field, text, label_key(text), rank)
            for field, texts in fields.items()
            for text in texts
        ]
        for context, fields in entries.items()
    }


def digest(variants: dict[str, Iterable[Variant]]) -> str:
    """A hash of the effective dictionary, order included (it decides exact ties)."""
    listing = [
        [context, [[v.field, v.text, v.rank] for v in items]] for context, items in variants.items()
    ]
    text = json.dumps(listing, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def _parse(text: str, source: str, base: Entries | None) -> Entries:
    """Validate one file: ``context -> field -> [variants]`` (a single string is one variant).

    With ``base`` (a user file), contexts must be known and, outside
    :data:`OPEN_CONTEXTS`, so must fields.
    """
    try:
        data = yaml.load(text, Loader=_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        raise LabelFileError(f"{source}: not valid YAML{where}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise LabelFileError(f"{source}: expected a mapping of contexts at the top level")
    entries: Entries = {}
    for context, fields in data.items():
        if not isinstance(context, str):
            raise LabelFileError(f"{source}: context {context!r} is not a name")
        if base is not None and context not in base:
            known = ", ".join(base)
            raise LabelFileError(f"{source}: unknown context {context!r} (known: {known})")
        if not isinstance(fields, dict):
            raise LabelFileError(f"{source}: context {context!r} must map fields to variants")
        entries[context] = {}
        for field, variants in fields.items():
            where = f"{context}.{field}"
            if not isinstance(field, str):
                raise LabelFileError(f"{source}: field {field!r} in {context!r} is not a name")
            if base is not None and context not in OPEN_CONTEXTS and field not in base[context]:
                known = ", ".join(base[context])
                raise LabelFileError(f"{source}: unknown field {where!r} (known: {known})")
            entries[context][field] = _variant_list(variants, source, where)
    return entries


def _variant_list(value: object, source: str, where: str) -> list[str]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise LabelFileError(f"{source}: {where} must be a list of labels")
    out: list[str] = []
    for item in items:
        if not isinstance(item, str) or not label_key(item):
            raise LabelFileError(f"{source}: {where} has a variant that is not a label: {item!r}")
        out.append(item)
    return out
