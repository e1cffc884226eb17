from wagtail import hooks

# Form submissions hold visitors' personal data: only these groups read them.
INBOX_GROUPS = ("Moderators", "Administrators")


@hooks.register("filter_form_submissions_for_user")
def only_moderators_read_the_inbox(user, queryset):
    if user.is_superuser or user.groups.filter(name__in=INBOX_GROUPS).exists():
        return queryset
    return queryset.none()
