"""Import a translated file (PO here, XLIFF 2.0 in xliff.py): check every entry, then apply
all of it or nothing.

Pages and snippets with revisions get a new draft revision built on their latest revision;
they are published only when asked and when the user may publish. Settings and images are
saved directly. Every problem is collected with its line number and the whole import is
rejected (inside one transaction) when there is any.
"""

import json
import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from modeltranslation.utils import build_localized_fieldname
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import DraftStateMixin, Page, RevisionMixin
from wagtail.permissions import policy_registry

import polib

from core.acting_user import acting_as
from core.sanitise import plain_text_problems, rich_text_problems, stream_problems

from . import import_report, po
from .guard import TranslationRuleError
from .roles import restricted_languages
from .segments import Translated

POLIB_LINE = re.compile(r"line (\d+)")


class ImportRejected(Exception):
    """The file was not imported; `errors` lists every problem, each with its line."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class ImportResult:
    language: str = ""
    items_changed: int = 0
    fields_changed: int = 0
    drafts_created: int = 0
    published: int = 0
    changes: list = field(default_factory=list)  # import_report.ItemChange per item


def _line(number, message):
    return _("Line %(line)s: %(message)s") % {"line": number, "message": message}


# --- validation of one value ----------------------------------------------------------


def _stream_problems(block, data):
    problems = []
    if not isinstance(data, list):
        return [_("the JSON must be a list of blocks")]
    for index, item in enumerate(data, start=1):
        if not isinstance(item, dict) or "type" not in item or "value" not in item:
            problems.append(
                _("block %(n)s must be an object with “type” and “value”") % {"n": index}
            )
        elif item["type"] not in block.child_blocks:
            problems.append(
                _("block %(n)s has the unknown type “%(type)s”")
                % {"n": index, "type": item["type"]}
            )
    # Rich text inside the blocks is held to its block's features, as a RichTextField is.
    return problems or stream_problems(block, data)


def _messages(error):
    if hasattr(error, "messages"):
        return [str(m) for m in error.messages]
    return [str(error)]


def clean_value(target, name, text):
    """The value to store for field `name` from the PO text, or raise ValidationError."""
    model_field = target._meta.get_field(name)
    if isinstance(model_field, StreamField):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise ValidationError(
                _("not valid StreamField JSON: %(error)s") % {"error": error}
            ) from error
        problems = _stream_problems(model_field.stream_block, data)
        if problems:
            raise ValidationError(problems)
        value = model_field.stream_block.to_python(data)
        try:
            model_field.stream_block.clean(value)
        except ValidationError as error:
            raise ValidationError(
                _("the blocks do not validate: %(error)s") % {"error": "; ".join(_messages(error))}
            ) from error
        return value
    if isinstance(model_field, RichTextField):
        # Refused rather than cleaned: the translator learns what the sanitiser would drop.
        problems = rich_text_problems(text, model_field.features)
    else:
        problems = plain_text_problems(text)
    if problems:
        raise ValidationError(problems)
    # max_length and the field's validators (slug etc.); the value is never blank here.
    model_field.clean(text, target)
    return text


def _apply_segments(item, language):
    """Put the translated segments read for `item` into its fields (see segments.py); the
    problems, each with its line."""
    errors = []
    for target, name, translations, address in item.segments.values():
        rebuild, value = po.field_segments(target, name, language, translations, address=address)
        problems = [_line(line, message) for line, message in rebuild.errors]
        for line, path in rebuild.unknown():
            problems.append(
                _line(
                    line,
                    _("“%(ctxt)s” is not in the English any more; export again")
                    % {"ctxt": rebuild.where(path)},
                )
            )
        errors.extend(problems)
        if problems or not rebuild.changed:
            continue
        text = json.dumps(value) if isinstance(value, list) else value
        first = min(translated.line for translated in translations.values())
        try:
            value = clean_value(target, name, text)
        except ValidationError as error:
            errors.extend(_line(first, f"{address}: {message}") for message in _messages(error))
            continue
        setattr(target, build_localized_fieldname(name, language), value)
        item.fields_changed += 1
    return errors


# --- permissions ----------------------------------------------------------------------


def _model_perm(user, model, action):
    codename = f"{action}_{model._meta.model_name}"
    if not Permission.objects.filter(
        content_type__app_label=model._meta.app_label, codename=codename
    ).exists():
        return False
    return user.has_perm(f"{model._meta.app_label}.{codename}")


def may_edit(user, item):
    if user is None:  # the command line without --user: the operator runs the site
        return True
    if not user.is_active:
        return False
    if isinstance(item, Page):
        return item.permissions_for_user(user).can_edit()
    if isinstance(item, get_image_model()):
        return policy_registry.get_by_type(get_image_model()).user_has_permission_for_instance(
            user, "change", item
        )
    return _model_perm(user, type(item), "change")


def may_publish(user, item):
    if user is None:
        return True
    if isinstance(item, Page):
        return item.permissions_for_user(user).can_publish()
    if isinstance(item, DraftStateMixin):
        return _model_perm(user, type(item), "publish")
    return False


# --- the import -----------------------------------------------------------------------


def parse_po(content):
    """A polib.POFile from bytes or text, or raise ImportRejected with polib's line."""
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8")
        except UnicodeDecodeError as error:
            raise ImportRejected(
                [_("The file is not UTF-8 text (byte %(pos)s).") % {"pos": error.start}]
            ) from error
    if not content.strip():
        raise ImportRejected([_("The file is empty.")])
    try:
        return polib.pofile(content, wrapwidth=0), content
    except (OSError, ValueError) as error:
        message = str(error)
        match = POLIB_LINE.search(message)
        if match:
            raise ImportRejected(
                [_line(match.group(1), _("malformed PO file (%(error)s)") % {"error": message})]
            ) from error
        raise ImportRejected([_("Malformed PO file: %(error)s") % {"error": message}]) from error


def _header_line(text, key):
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip('"').startswith(f"{key}:"):
            return number
    return 1


def check_language(pofile, text, language):
    """The import's language: the file's Language header, which must match `language`."""
    declared = pofile.metadata.get("Language", "")
    line = _header_line(text, "Language")
    if not declared:
        raise ImportRejected([_line(line, _("the file has no Language header"))])
    return resolve_language(declared, line, language)


def resolve_language(declared, line, language):
    """The portal's code for the file's declared language (read on `line`), which must be the
    `language` chosen (when given) and not the default one."""
    if language and not po.same_language(declared, language):
        raise ImportRejected(
            [
                _line(
                    line,
                    _("the file is in “%(declared)s”, not in “%(chosen)s” as chosen")
                    % {"declared": declared, "chosen": language},
                )
            ]
        )
    found = next((code for code in po.language_codes() if po.same_language(code, declared)), None)
    if found is None:
        raise ImportRejected(
            [_line(line, _("the portal has no language “%(code)s”") % {"code": declared})]
        )
    if found == po.default_language():
        raise ImportRejected(
            [_line(line, _("the file is in the default language; English is not imported"))]
        )
    return found


class _Item:
    """One page/snippet/setting/image touched by the file, with its working copy."""

    def __init__(self, live):
        self.live = live
        self.obj = po.working_object(live)
        self.fields_changed = 0
        # (id of target, field) -> (target, field, {path: Translated}, the field's address)
        self.segments = {}

    def target(self, context):
        """The object holding the field: the item itself or one of its child rows."""
        if not context.row_model:
            return self.obj
        row_model = po.resolve_model(context.row_model)
        if row_model is None:
            return None
        return po.find_row(self.obj, row_model, context.row_pk)


def _load_item(context):
    model = po.resolve_model(context.model)
    if model is None:
        return None
    try:
        if issubclass(model, Page):
            page = Page.objects.get(pk=context.pk).specific
            return page if isinstance(page, model) else None
        return model._default_manager.get(pk=context.pk)
    except (model.DoesNotExist, Page.DoesNotExist, ValueError, ValidationError):
        return None


@dataclass
class Entry:
    """One translation read from a file, whatever its format."""

    line: int
    context: str  # the address of the field (PO msgctxt, XLIFF unit id); see po.Context
    source: str  # the English it was translated from
    target: str  # the translation ("" keeps the current one)


def import_po(content, language=None, user=None, publish=False):
    """Import PO `content` (bytes or text). Returns ImportResult or raises ImportRejected."""
    pofile, text = parse_po(content)
    language = check_language(pofile, text, language)
    entries = [
        Entry(entry.linenum, entry.msgctxt, entry.msgid, entry.msgstr)
        for entry in pofile
        if not entry.obsolete
    ]
    return import_entries(entries, language, user, publish, _("unknown msgctxt “%(ctxt)s”"))


def import_entries(entries, language, user=None, publish=False, unknown_address=""):
    """Check every entry, then apply all of them or nothing (see the module's docstring).
    `unknown_address` words the error for an address that names no field ("%(ctxt)s")."""
    english = po.default_language()
    result = ImportResult(language=language)
    errors = []
    items = {}
    refused = set()
    allowed = restricted_languages(user)
    if allowed and language not in allowed:
        names = dict(settings.LANGUAGES)
        raise ImportRejected(
            [
                _("You may not import translations into %(language)s: you translate %(yours)s.")
                % {
                    "language": names.get(language, language),
                    "yours": ", ".join(names.get(code, code) for code in allowed),
                }
            ]
        )

    with transaction.atomic(), acting_as(user):
        for entry in entries:
            if not entry.target:
                continue  # nothing translated: keep what is there
            line = entry.line
            context = po.parse_context(entry.context)
            if context is None:
                errors.append(_line(line, unknown_address % {"ctxt": entry.context or ""}))
                continue
            key = (context.model, context.pk)
            if key not in items:
                live = _load_item(context)
                items[key] = _Item(live) if live is not None else None
            item = items[key]
            if item is None:
                errors.append(
                    _line(line, _("unknown item “%(item)s”") % {"item": f"{key[0]}:{key[1]}"})
                )
                continue
            if not may_edit(user, item.live):
                if key not in refused:
                    refused.add(key)
                    errors.append(
                        _line(
                            line,
                            _("you may not edit “%(item)s”") % {"item": po.item_label(item.obj)},
                        )
                    )
                continue
            target = item.target(context)
            if target is None:
                errors.append(_line(line, _("unknown row in “%(ctxt)s”") % {"ctxt": entry.context}))
                continue
            if context.field not in po.translatable_fields(type(target)):
                errors.append(
                    _line(line, _("unknown field in “%(ctxt)s”") % {"ctxt": entry.context})
                )
                continue
            if context.path:
                if not po.is_segmented(type(target), context.field):
                    errors.append(
                        _line(line, _("unknown field in “%(ctxt)s”") % {"ctxt": entry.context})
                    )
                    continue
                pending = item.segments.setdefault(
                    (id(target), context.field),
                    (target, context.field, {}, str(replace(context, path=()))),
                )
                pending[2][context.path] = Translated(entry.source, entry.target, line)
                continue  # put together per field once every entry is read
            if po.field_text(target, context.field, english) != entry.source:
                errors.append(
                    _line(
                        line,
                        _(
                            "the English changed since export (“%(ctxt)s”); "
                            "export again and translate the new text"
                        )
                        % {"ctxt": entry.context},
                    )
                )
                continue
            if po.field_text(target, context.field, language) == entry.target:
                continue  # unchanged
            try:
                value = clean_value(target, context.field, entry.target)
            except ValidationError as error:
                errors.extend(
                    _line(line, f"{entry.context}: {message}") for message in _messages(error)
                )
                continue
            setattr(target, build_localized_fieldname(context.field, language), value)
            item.fields_changed += 1

        for item in items.values():
            if item is not None:
                errors.extend(_apply_segments(item, language))
        if not errors:
            for item in items.values():
                if item is None or not item.fields_changed:
                    continue
                try:
                    _save(item, language, user, publish, result)
                except ValidationError as error:
                    errors.extend(
                        f"{po.item_label(item.obj)}: {message}" for message in _messages(error)
                    )
                except TranslationRuleError as error:
                    errors.append(f"{po.item_label(item.obj)}: {error}")
        if errors:
            raise ImportRejected(errors)
    return result


def _save(item, language, user, publish, result):
    obj = item.obj
    import_report.refuse_locked(item.live, user)
    result.items_changed += 1
    result.fields_changed += item.fields_changed
    if isinstance(obj, RevisionMixin):
        import_report.record(result, item, language, user, draft=True, published=False)
        revision = obj.save_revision(user=user, log_action=True)
        result.drafts_created += 1
        if publish and may_publish(user, item.live):
            revision.publish(user=user)
            result.published += 1
            result.changes[-1].published = True
        return
    import_report.record(result, item, language, user, draft=False, published=True)
    fields = [
        build_localized_fieldname(name, language) for name in po.translatable_fields(type(obj))
    ]
    obj.full_clean(exclude=_other_fields(obj, fields), validate_unique=False)
    obj.save(update_fields=fields)


def _other_fields(obj, fields):
    return [f.name for f in obj._meta.concrete_fields if f.name not in fields]
