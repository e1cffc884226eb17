from wagtail import hooks

from core.permissions import can_read_form_submissions


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_the_inbox(user, queryset):
    # The queryset is of form pages: without any, the Forms menu, lists and exports are empty.
    return queryset if can_read_form_submissions(user) else queryset.none()
