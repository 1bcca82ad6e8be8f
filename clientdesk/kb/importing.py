"""Checks a knowledge-base import file before anything is written.

The file is a JSON list of {"slug", "category", "lang", "title", "body",
"tags"} objects, each with an optional "phrasings" (a list of strings: other
ways customers ask it; left as they are when the key is absent). Every
problem names the object (its index in the list) and the field, so whoever
prepared the file can find and fix it.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug

FIELDS = ("slug", "category", "lang", "title", "body", "tags")
OPTIONAL = ("phrasings",)
LANGS = ("ro", "en")
MAX_LENGTH = {"slug": 120, "category": 80, "title": 200, "body": 100_000}
MAX_TAG_LENGTH = 60
MAX_TAGS = 20
MAX_PHRASINGS = 50
MAX_PHRASING_LENGTH = 200


class ImportFileError(ValueError):
    def __init__(self, message: str, *, index: int | None = None, field: str | None = None):
        self.index = index
        self.field = field
        where = f"Object at index {index}" if index is not None else "The file"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ArticleRecord:
    slug: str
    category: str
    lang: str
    title: str
    body: str
    tags: tuple[str, ...]
    phrasings: tuple[str, ...] | None = None


def _text(item: dict, field: str, index: int) -> str:
    value = item[field]
    if not isinstance(value, str):
        raise ImportFileError(
            f"must be a string, not {type(value).__name__}.", index=index, field=field
        )
    value = value.strip()
    if not value:
        raise ImportFileError("must not be empty.", index=index, field=field)
    if len(value) > MAX_LENGTH[field]:
        raise ImportFileError(
            f"is {len(value)} characters long; at most {MAX_LENGTH[field]} are allowed.",
            index=index,
            field=field,
        )
    if field in ("slug", "category"):
        try:
            validate_slug(value)
        except ValidationError:
            raise ImportFileError(
                f"{value!r} is not a slug (letters, digits, hyphens, underscores).",
                index=index,
                field=field,
            ) from None
    return value


def _tags(item: dict, index: int) -> tuple[str, ...]:
    value = item["tags"]
    if not isinstance(value, list) or not all(isinstance(tag, str) for tag in value):
        raise ImportFileError("must be a list of strings.", index=index, field="tags")
    tags = tuple(dict.fromkeys(tag.strip() for tag in value if tag.strip()))
    if len(tags) > MAX_TAGS or any(len(tag) > MAX_TAG_LENGTH for tag in tags):
        raise ImportFileError(
            f"at most {MAX_TAGS} tags of at most {MAX_TAG_LENGTH} characters each.",
            index=index,
            field="tags",
        )
    return tags


def _phrasings(item: dict, index: int) -> tuple[str, ...] | None:
    if "phrasings" not in item:
        return None
    value = item["phrasings"]
    if not isinstance(value, list) or not all(isinstance(line, str) for line in value):
        raise ImportFileError("must be a list of strings.", index=index, field="phrasings")
    lines = tuple(dict.fromkeys(" ".join(line.split()) for line in value if line.strip()))
    if len(lines) > MAX_PHRASINGS or any(len(line) > MAX_PHRASING_LENGTH for line in lines):
        raise ImportFileError(
            f"at most {MAX_PHRASINGS} phrasings of at most {MAX_PHRASING_LENGTH} characters each.",
            index=index,
            field="phrasings",
        )
    return lines


def _record(item: object, index: int) -> ArticleRecord:
    if not isinstance(item, dict):
        raise ImportFileError(f"must be an object, not {type(item).__name__}.", index=index)
    for field in FIELDS:
        if field not in item:
            raise ImportFileError("is missing.", index=index, field=field)
    unknown = sorted(set(item) - set(FIELDS) - set(OPTIONAL))
    if unknown:
        raise ImportFileError(
            f"is not a known field (expected {', '.join(FIELDS + OPTIONAL)}).",
            index=index,
            field=unknown[0],
        )
    if item["lang"] not in LANGS:
        raise ImportFileError(
            f"must be 'ro' or 'en', not {item['lang']!r}.", index=index, field="lang"
        )
    return ArticleRecord(
        slug=_text(item, "slug", index),
        category=_text(item, "category", index),
        lang=item["lang"],
        title=_text(item, "title", index),
        body=_text(item, "body", index),
        tags=_tags(item, index),
        phrasings=_phrasings(item, index),
    )


def parse_records(data: object) -> list[ArticleRecord]:
    """Valid records from decoded JSON, or ImportFileError for the first problem."""
    if not isinstance(data, list):
        raise ImportFileError(f"must hold a JSON list of articles, not {type(data).__name__}.")
    records: list[ArticleRecord] = []
    first_seen: dict[tuple[str, str], int] = {}
    for index, item in enumerate(data):
        record = _record(item, index)
        key = (record.slug, record.lang)
        if key in first_seen:
            raise ImportFileError(
                f"repeats slug {record.slug!r} in {record.lang!r}, already at index "
                f"{first_seen[key]}.",
                index=index,
                field="slug",
            )
        first_seen[key] = index
        records.append(record)
    return records
