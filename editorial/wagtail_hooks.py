from django.contrib.auth.models import Permission
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import TaskState

from core.permissions import can_read_form_submissions


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_the_inbox(user, queryset):
    # The queryset is of form pages: without any, the Forms menu, lists and exports are empty.
    return queryset if can_read_form_submissions(user) else queryset.none()


@hooks.register("register_permissions")
def redirect_to_any_host():
    # Shown with the redirect permissions in the group editor (editorial/redirects.py).
    return Permission.objects.filter(
        content_type__app_label="wagtailredirects", codename="redirect_to_any_host"
    )


def show_moderators_comment(request, obj):
    """On an edit view (GET) of something in moderation, the latest reviewer's comment at the
    top: Wagtail keeps it in the workflow history only, where the editor asked to rework the
    page does not look."""
    state = getattr(obj, "current_workflow_state", None)
    if request.method != "GET" or state is None:
        return
    task_state = (
        state.task_states.exclude(comment="")
        .filter(finished_at__isnull=False)
        .select_related("finished_by")
        .order_by("-finished_at")
        .first()
    )
    if task_state is None:
        return
    reviewer = task_state.finished_by
    name = (reviewer.get_full_name() or reviewer.get_username()) if reviewer else _("A reviewer")
    if task_state.status == TaskState.STATUS_REJECTED:
        text = _("%(name)s requested changes on %(when)s:")
    else:
        text = _("%(name)s commented on %(when)s:")
    when = date_format(localtime(task_state.finished_at), "DATETIME_FORMAT")
    messages.warning(
        request,
        format_html(
            '{} <q class="moderator-comment">{}</q>',
            text % {"name": name, "when": when},
            task_state.comment,
        ),
    )


@hooks.register("before_edit_page")
def moderators_comment_on_page_edit(request, page):
    show_moderators_comment(request, page)


@hooks.register("before_edit_snippet")
def moderators_comment_on_snippet_edit(request, instance):
    show_moderators_comment(request, instance)
