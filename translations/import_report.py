"""After an import: what it changed, item by item, and its drafts submitted for moderation.

Also the rule that an import never rides on someone else's work: an item locked by another
person, waiting in moderation for other reviewers or scheduled to go live is refused (the
import's draft would be built on that revision and carry its changes, or silently replace it).
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.locks import BasicLock, ScheduledForPublishLock
from wagtail.models import Page, WorkflowState

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
    page_id: int | None = None  # pages can be submitted to moderation


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
            page_id=obj.pk if isinstance(obj, Page) else None,
        )
    )


def submit_for_moderation(page_ids, user):
    """Start (or resume) the moderation workflow of each page for `user`, as the edit view's
    "Submit for moderation" does, so moderators are notified. Returns (submitted, skipped),
    each a list of (page, reason or None)."""
    submitted, skipped = [], []
    pages = Page.objects.filter(pk__in=page_ids).specific().order_by("path")
    for page in pages:
        permissions = page.permissions_for_user(user)
        if not permissions.can_edit():
            skipped.append((page, _("you may not submit it")))
            continue
        state = page.current_workflow_state
        if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
            skipped.append((page, _("it already waits for moderation")))
            continue
        lock = page.get_lock()
        if lock is not None and lock.for_user(user):
            skipped.append((page, _("it is locked")))
            continue
        # After can_edit(): Wagtail's can_submit_for_moderation() does not check that right.
        if not permissions.can_submit_for_moderation():
            skipped.append((page, _("you may not submit it")))
            continue
        if not page.has_unpublished_changes:
            skipped.append((page, _("it has no draft")))
            continue
        try:
            if state is not None:  # changes were requested: the new draft answers them
                state.resume(user)
            else:
                workflow = page.get_workflow()
                if workflow is None:
                    skipped.append((page, _("no moderation workflow applies to it")))
                    continue
                workflow.start(page, user)
        except PermissionDenied:
            skipped.append((page, _("you may not submit it")))
            continue
        submitted.append(page)
    return submitted, skipped
