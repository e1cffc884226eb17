"""The translation status report: per language, what is translated, missing or stale.

Fast by construction: one `values()` query per registered model (only the columns
needed), one for the content types (cached), one for all marks and one for the drafts
waiting (the latest revisions of live pages and snippets with unpublished changes),
whatever the number of pages. A field counts only where its English is non-empty.

A field missing from the live content but written in the item's waiting draft is "in
review" (an import or a translator's edit waits for a moderator), not missing.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail.fields import StreamField
from wagtail.models import DraftStateMixin, Revision, RevisionMixin

from . import registry
from .models import TranslationMark
from .stale import digest, is_empty, normalise

KIND_LABELS = {
    registry.PAGE: _("Page"),
    registry.SNIPPET: _("Snippet"),
    registry.SETTING: _("Setting"),
    registry.IMAGE: _("Image alt text"),
    registry.CHILD: _("Page section"),
    registry.OTHER: _("Other"),
}

MISSING, STALE, IN_REVIEW = "missing", "stale", "review"


@dataclass
class FieldIssue:
    field: str
    label: str
    confirm_args: tuple | None = None  # (content_type_id, object_id, field, language)


@dataclass
class Row:
    """One item in one language with something to do."""

    label: str
    kind: str
    app_label: str
    model_label: str
    edit_url: str | None
    language: str
    language_name: str
    missing: list = field(default_factory=list)
    stale: list = field(default_factory=list)
    in_review: list = field(default_factory=list)

    @property
    def kind_label(self):
        return KIND_LABELS[self.kind]


@dataclass
class LocaleSummary:
    code: str
    name: str
    needed: int = 0
    translated: int = 0
    missing: int = 0
    stale: int = 0
    in_review: int = 0

    @property
    def percent(self):
        if not self.needed:
            return 100
        return int(100 * self.translated / self.needed)  # floor: 100 only when complete


@dataclass
class Report:
    locales: list
    rows: list


def _edit_url(entry, pk, row):
    if entry.kind == registry.PAGE:
        return reverse("wagtailadmin_pages:edit", args=[pk])
    if entry.kind == registry.CHILD:
        return reverse("wagtailadmin_pages:edit", args=[row[f"{entry.parent_field}_id"]])
    if entry.kind == registry.IMAGE:
        return reverse("wagtailimages:edit", args=[pk])
    if entry.kind == registry.SETTING:
        meta = entry.model._meta
        return reverse("wagtailsettings:edit", args=[meta.app_label, meta.model_name])
    viewset = getattr(entry.model, "snippet_viewset", None)
    if viewset is not None:
        return reverse(viewset.get_url_name("edit"), args=[quote(pk)])
    return None


def _label_columns(entry):
    """Columns naming an item: its English title or name, or an untranslated title."""
    for name in ("title", "name", "label"):
        if name in entry.fields:
            return [entry.column(name, registry.default_language())]
    names = {f.name for f in entry.model._meta.concrete_fields}
    return ["title"] if "title" in names else []


def _label(entry, row, label_columns):
    own = next((str(row[c]) for c in label_columns if row.get(c)), "")
    if entry.kind == registry.CHILD:
        parent = row.get("_parent_title") or ""
        return f"{parent} › {entry.model._meta.verbose_name}: {own}".strip()
    if entry.kind == registry.SETTING:
        return str(entry.model._meta.verbose_name)
    return own or f"{entry.model._meta.verbose_name} #{row['pk']}"


def _has_drafts(model):
    return issubclass(model, DraftStateMixin) and issubclass(model, RevisionMixin)


def _draft_columns(entry):
    """Columns (or annotations) telling whether a row's item has a waiting draft, and which."""
    if entry.kind == registry.CHILD:
        parent = entry.model._meta.get_field(entry.parent_field).related_model
        if not _has_drafts(parent):
            return {}
        return {
            "_draft": F(f"{entry.parent_field}__has_unpublished_changes"),
            "_draft_revision": F(f"{entry.parent_field}__latest_revision_id"),
        }
    if _has_drafts(entry.model):
        return {
            "_draft": F("has_unpublished_changes"),
            "_draft_revision": F("latest_revision_id"),
        }
    return {}


def _draft_row(entry, row, drafts):
    """The row's content in its item's waiting draft (a revision's dict), or None."""
    content = drafts.get(row.get("_draft_revision")) if row.get("_draft") else None
    if content is None or entry.kind != registry.CHILD:
        return content
    relation = entry.model._meta.get_field(entry.parent_field).remote_field.get_accessor_name()
    return next((r for r in content.get(relation) or () if r.get("pk") == row["pk"]), None)


def _has_text(model, column, value):
    """Whether a value from a revision's content holds text (StreamFields come as JSON)."""
    if value in (None, ""):
        return False
    if isinstance(model._meta.get_field(column), StreamField):
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return bool(value.strip())
        return bool(value)
    return bool(str(value).strip())


def build_report(*, language=None, app=None):
    """Summaries per language (all target languages, or `language`) and rows with issues,
    limited to one app's models when `app` is given."""
    languages = [language] if language else registry.target_languages()
    names = registry.language_names()
    default = registry.default_language()
    entries = [e for e in registry.translatable_models() if app in (None, e.app_label)]
    content_types = ContentType.objects.get_for_models(*[e.model for e in entries])
    marks = {
        (ct_id, object_id, field_name, lang): source
        for ct_id, object_id, field_name, lang, source in TranslationMark.objects.filter(
            content_type__in=list(content_types.values()), language__in=languages
        ).values_list("content_type_id", "object_id", "field", "language", "source_digest")
    }
    summaries = {code: LocaleSummary(code, names[code]) for code in languages}
    fetched = []
    for entry in entries:
        label_columns = _label_columns(entry)
        columns = {"pk", *label_columns}
        for name in entry.fields:
            columns.add(entry.column(name, default))
            columns.update(entry.column(name, code) for code in languages)
        extra = _draft_columns(entry)
        if entry.kind == registry.CHILD:
            columns.add(f"{entry.parent_field}_id")
            extra["_parent_title"] = F(f"{entry.parent_field}__{entry.column('title', default)}")
        queryset = entry.live_queryset().order_by("pk").values(*sorted(columns), **extra)
        fetched.append((entry, label_columns, list(queryset)))
    waiting = {
        row["_draft_revision"] for _e, _l, rows in fetched for row in rows if row.get("_draft")
    }
    drafts = dict(
        Revision.objects.filter(pk__in=waiting).values_list("pk", "content") if waiting else ()
    )
    rows = []
    for entry, label_columns, found in fetched:
        ct_id = content_types[entry.model].pk
        field_labels = {name: entry.field_label(name) for name in entry.fields}
        for row in found:
            draft = _draft_row(entry, row, drafts)
            per_language = defaultdict(lambda: ([], [], []))
            for name in entry.fields:
                english = normalise(
                    entry.model, entry.column(name, default), row[entry.column(name, default)]
                )
                if not english:
                    continue
                english_digest = None
                for code in languages:
                    summary = summaries[code]
                    summary.needed += 1
                    column = entry.column(name, code)
                    if is_empty(entry.model, column, row[column]):
                        if draft is not None and _has_text(entry.model, column, draft.get(column)):
                            summary.in_review += 1
                            per_language[code][2].append(FieldIssue(name, field_labels[name]))
                        else:
                            summary.missing += 1
                            per_language[code][0].append(FieldIssue(name, field_labels[name]))
                        continue
                    summary.translated += 1
                    source = marks.get((ct_id, str(row["pk"]), name, code))
                    if source is None:
                        continue
                    english_digest = english_digest or digest(english)
                    if source != english_digest:
                        summary.stale += 1
                        per_language[code][1].append(
                            FieldIssue(name, field_labels[name], (ct_id, row["pk"], name, code))
                        )
            if not per_language:
                continue
            label = _label(entry, row, label_columns)
            url = _edit_url(entry, row["pk"], row)
            for code in languages:
                if code in per_language:
                    missing, stale, in_review = per_language[code]
                    rows.append(
                        Row(
                            label,
                            entry.kind,
                            entry.app_label,
                            entry.label,
                            url,
                            code,
                            names[code],
                            missing,
                            stale,
                            in_review,
                        )
                    )
    rows.sort(key=lambda r: (languages.index(r.language), r.app_label, r.label))
    return Report([summaries[code] for code in languages], rows)
