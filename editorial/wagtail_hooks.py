from django.contrib.auth.models import Permission

from wagtail import hooks

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
