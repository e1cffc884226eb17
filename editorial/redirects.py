"""Where a redirect may send visitors from the official domain.

Redirects go live the moment they are saved and carry the site's name to wherever they
point, so they are moderated content: only Moderators and Administrators may write them
(migration 0002), and a redirect may leave the site only for a host in
REDIRECT_ALLOWED_HOSTS, unless an Administrator (permission "Can redirect to any host")
saves it. The target is checked on the model, wherever a redirect is saved: the admin
form and the CSV import show the refusal as a form error; commands, the shell and code
get a ValidationError from pre_save. Redirects to pages of this site (the slug-change
redirects of core.redirects among them) are never refused. Bulk writes (`update`,
`bulk_create`) bypass model checks, as everywhere in Django: none of ours writes links so.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.http.request import validate_host
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from core.acting_user import acting_user

ANY_HOST_PERMISSION = "wagtailredirects.redirect_to_any_host"


def target_host(link):
    """The host a link sends the browser to, or None when it stays on this site.

    Browsers read a backslash as a slash, so "/\\evil.example" is "//evil.example",
    another host; tabs and newlines inside a URL are dropped by urlsplit as by browsers.
    """
    parts = urlsplit(link.strip().replace("\\", "/"))
    if not parts.scheme and not parts.netloc:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        raise ValidationError(
            _("A redirect may only lead to an http or https address."), code="redirect_scheme"
        )
    return (parts.hostname or "").rstrip(".")


def allowed_hosts():
    """This site's own host names and the hosts operators allowed in the settings."""
    own = list(Site.objects.values_list("hostname", flat=True))
    return [host.lower() for host in own + list(settings.REDIRECT_ALLOWED_HOSTS)]


def check_redirect_link(link, user=None):
    """Refuse a link to another host unless that host is allowed or the user may."""
    host = target_host(link or "")
    if host is None or validate_host(host, allowed_hosts()):
        return
    if user is not None and user.has_perm(ANY_HOST_PERMISSION):
        return
    raise ValidationError(
        _(
            "Redirects may lead only to this site or to the hosts allowed in the settings "
            "(REDIRECT_ALLOWED_HOSTS); %(host)s is not one of them. "
            "An Administrator can save this redirect."
        ),
        code="redirect_host",
        params={"host": host or link},
    )


def validate_redirect_link(value):
    check_redirect_link(value, acting_user())


def refuse_unchecked_targets(sender, instance, **kwargs):
    # Also for raw saves (loaddata): a fixture is one more way in.
    if not instance.redirect_page_id:
        check_redirect_link(instance.redirect_link, acting_user())


def connect():
    # Appended to the field's validators (not passed to the field), so model forms run it in
    # full_clean and show its message beside the field, while the field's deconstructed
    # form, and so Wagtail's migrations, stay as they are.
    field = Redirect._meta.get_field("redirect_link")
    if validate_redirect_link not in field.validators:
        field.validators.append(validate_redirect_link)
    pre_save.connect(
        refuse_unchecked_targets,
        sender=Redirect,
        dispatch_uid="editorial.redirects.refuse_unchecked_targets",
    )
