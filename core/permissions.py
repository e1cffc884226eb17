"""Who may read what visitors send through forms: their personal data stays with these groups."""

INBOX_GROUPS = ("Moderators", "Administrators")


def can_read_form_submissions(user):
    return user.is_active and (
        user.is_superuser or user.groups.filter(name__in=INBOX_GROUPS).exists()
    )
