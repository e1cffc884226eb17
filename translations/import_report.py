"""After an import: what it changed, item by item, and its drafts submitted for moderation.

Also the rule that an import never rides on someone else's work: an item locked by another
person, waiting in moderation for other reviewers or scheduled to go live is refused (the
import's draft would be built on that revision and carry its changes, or silently replace it).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.locks import BasicLock, ScheduledForPublishLock
from wagtail.models import Page, WorkflowMixin, WorkflowState

from . import po


@dataclass
class ItemChange:
    """One page, snippet, setting or image an import changed, and the fields it changed."""

    label: str
    kind: str  # the model's verbose name
    edit_url: str | None
    fields: list = field(default_factory=list)
    draft: bool = False  # a new draft revision (pages and snippets)
    published: bool = False
    key: str | None = None  # po.item_key, sent by "Submit all for moderation" (moderated items)


def refuse_locked(live, user):
    """Raise ValidationError when `live` is locked for the importer (see the module's docstring).

    The command run without a user (the operator) is held to locks and schedules too: it has
    no identity to own a lock with."""
    get_lock = getattr(live, "get_lock", None)
    lock = get_lock() if get_lock else None
    if lock is None:
        return
    if isinstance(lock, ScheduledForPublishLock):
        revision = live.scheduled_revision
        raise ValidationError(
            _(
                "a revision is scheduled to go live on %(when)s; an import would carry its "
                "changes. Cancel the schedule or import after it went live."
            )
            % {"when": revision.approved_go_live_at.strftime("%Y-%m-%d %H:%M %Z")}
        )
    if isinstance(lock, BasicLock):
        if user is None or lock.for_user(user):
            owner = live.locked_by
            name = (owner.get_full_name() or owner.get_username()) if owner else _("someone")
            raise ValidationError(
                _("locked by %(name)s; ask them to unlock it, then import again") % {"name": name}
            )
        return
    if user is None or lock.for_user(user):
        raise ValidationError(_("it waits for moderation by other reviewers; import after review"))


def _fresh(live):
    """The item as the import found it: a new working copy, not the one the import changed."""
    return po.working_object(type(live)._base_manager.get(pk=live.pk))


def changed_fields(item, language):
    """Labels of the fields of `item` (po_import._Item) whose `language` text the import
    changed, child rows included ("Phase “Phase I” › Name")."""
    before = _fresh(item.live)
    labels = []

    def compare(old, new, prefix):
        for name in po.translatable_fields(type(new)):
            if po.field_text(old, name, language) != po.field_text(new, name, language):
                verbose = capfirst(str(type(new)._meta.get_field(name).verbose_name))
                labels.append(f"{prefix}{verbose}")

    compare(before, item.obj, "")
    for rel in po.child_relations(type(item.obj)):
        accessor = rel.get_accessor_name()
        old_rows = {row.pk: row for row in getattr(before, accessor).all()}
        row_name = capfirst(str(rel.related_model._meta.verbose_name))
        for row in getattr(item.obj, accessor).all():
            if row.pk in old_rows:
                compare(old_rows[row.pk], row, f"{row_name} “{row}” › ")
    return labels


def record(result, item, language, user, *, draft, published):
    """Add the item's ItemChange to `result` (po_import.ImportResult)."""
    obj = item.obj
    result.changes.append(
        ItemChange(
            label=po.item_label(obj),
            kind=capfirst(str(type(obj)._meta.verbose_name)),
            edit_url=AdminURLFinder(user).get_edit_url(item.live),
            fields=changed_fields(item, language),
            draft=draft,
            published=published,
            key=po.item_key(obj) if isinstance(obj, WorkflowMixin) else None,
        )
    )


def moderated(keys):
    """The pages and snippets with a moderation workflow that `keys` (po.item_key) name."""
    from .forms import find_item  # not at import time: forms imports po_import, which imports us

    models = {po.model_key(m): m for m in apps.get_models() if issubclass(m, WorkflowMixin)}
    found = (find_item(key, models) for key in dict.fromkeys(keys))
    return [obj for obj in found if obj is not None]


def _may_submit(obj, user):
    if isinstance(obj, Page):  # after can_edit(): Wagtail's check does not test that right
        return obj.permissions_for_user(user).can_submit_for_moderation()
    return True  # a snippet's editor may submit it (Wagtail's snippet edit view)


def display_title(obj):
    return obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)


def submit_for_moderation(keys, user):
    """Start (or resume) the moderation workflow of each page and snippet `keys` name
    (po.item_key) for `user`, as their edit views' "Submit for moderation" does, so
    moderators are notified. Returns (submitted, skipped): objects, and (object, reason)."""
    submitted, skipped = [], []
    from .po_import import may_edit  # not at import time: po_import imports us

    for obj in moderated(keys):
        if not may_edit(user, obj):
            skipped.append((obj, _("you may not submit it")))
            continue
        state = obj.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            skipped.append((obj, _("it already waits for moderation")))
            continue
        lock = obj.get_lock()
        if lock is not None and lock.for_user(user):
            skipped.append((obj, _("it is locked")))
            continue
        if not _may_submit(obj, user):
            skipped.append((obj, _("you may not submit it")))
            continue
        if not obj.has_unpublished_changes:
            skipped.append((obj, _("it has no draft")))
            continue
        try:
            if state is not None:  # changes were requested: the new draft answers them
                state.resume(user)
            else:
                workflow = obj.get_workflow()
                if workflow is None:
                    skipped.append((obj, _("no moderation workflow applies to it")))
                    continue
                workflow.start(obj, user)
        except PermissionDenied:
            skipped.append((obj, _("you may not submit it")))
            continue
        submitted.append(obj)
    return submitted, skipped
