"""Admin hooks of "my languages": the setting on the account page, the "all languages" link
on edit views, and the style of read-only and right-to-left fields."""

from django import forms
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.translation import gettext, gettext_lazy

from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.account import BaseSettingsPanel

from .models import LanguagePreference
from .my_languages import ALL, LANGUAGE_NAMES, all_languages, my_languages


class LanguagePreferenceForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=gettext_lazy("Languages I work in"),
        help_text=gettext_lazy(
            "Edit forms show the fields of these languages only; a link on each form shows "
            "all languages. None ticked: your translator languages and English, or every "
            "language if you are no translator."
        ),
    )

    class Meta:
        model = LanguagePreference
        fields = ["languages"]

    def clean_languages(self):
        chosen = set(self.cleaned_data["languages"])
        return [code for code in all_languages() if code in chosen]  # settings order


class MyLanguagesPanel(BaseSettingsPanel):
    name = "my_languages"
    title = gettext_lazy("My languages")
    order = 420
    form_class = LanguagePreferenceForm

    def get_form(self):
        instance = LanguagePreference.objects.filter(user=self.user).first()
        if instance is None:
            instance = LanguagePreference(user=self.user)
        kwargs = {"instance": instance, "prefix": self.name}
        if self.request.method == "POST":
            return self.form_class(self.request.POST, **kwargs)
        return self.form_class(**kwargs)


@hooks.register("register_account_settings_panel")
def register_my_languages_panel(request, user, profile):
    if user.is_staff or user.groups.exists():
        return MyLanguagesPanel(request, user, profile)
    return None


def offer_all_languages(request):
    """Honour ?languages=all and say which languages the form shows, with the other choice."""
    user = request.user
    showing_all = request.GET.get("languages") == ALL
    user._all_languages = showing_all
    if request.method != "GET":
        return
    mine = my_languages(user)
    if not showing_all and mine == all_languages():
        return  # nothing hidden: nothing to say
    account = reverse("wagtailadmin_account")
    query = request.GET.copy()
    if showing_all:
        query.pop("languages", None)
        text = gettext("Showing all languages.")
        link = gettext("Show only my languages")
    else:
        query["languages"] = ALL
        text = gettext("Showing my languages: %(languages)s.") % {
            "languages": ", ".join(LANGUAGE_NAMES[code] for code in mine)
        }
        link = gettext("Show all languages")
    href = f"{request.path}?{urlencode(query, doseq=True)}" if query else request.path
    messages.info(
        request,
        format_html(
            '<span class="my-languages">{} <a href="{}" class="my-languages-toggle">{}</a> · '
            '<a href="{}">{}</a></span>',
            text,
            href,
            link,
            f"{account}#my_languages",
            gettext("Change my languages"),
        ),
    )


@hooks.register("before_edit_page")
def my_languages_on_page_edit(request, page):
    offer_all_languages(request)


@hooks.register("before_create_page")
def my_languages_on_page_create(request, parent_page, page_class):
    offer_all_languages(request)


@hooks.register("before_edit_snippet")
def my_languages_on_snippet_edit(request, instance):
    offer_all_languages(request)


@hooks.register("before_create_snippet")
def my_languages_on_snippet_create(request, model):
    offer_all_languages(request)


@hooks.register("before_edit_setting")
def my_languages_on_setting_edit(request, instance):
    offer_all_languages(request)


@hooks.register("insert_global_admin_css")
def my_languages_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-languages.css"))
