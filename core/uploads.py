"""Upload checks for the document library: size, and type judged by content, not by name.

Wagtail itself checks only a document's extension (WAGTAILDOCS_EXTENSIONS, when the model is
cleaned), so a program renamed ``report.docx`` would pass; these checks read the file's bytes.
"""

import codecs
import os

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from wagtail.documents.forms import BaseDocumentForm

import filetype

# Files whose first bytes must show this very type. filetype reads at most the first 8 KiB:
# enough for a PDF's header, and for the ZIP-based office formats, whose writers put the
# identifying entries first ([Content_Types].xml and word/… or xl/… or ppt/…; OpenDocument's
# uncompressed `mimetype`).
BINARY_TYPES = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp"}
# Plain text has no signature: it must be UTF-8 throughout.
TEXT_TYPES = {"csv", "txt"}
ACCEPTED_TYPES = sorted(BINARY_TYPES | TEXT_TYPES)  # keep WAGTAILDOCS_EXTENSIONS the same


def check_document(upload):
    """Raise ValidationError unless the upload is an allowed type, by content, within size."""
    limit = settings.DOCUMENT_MAX_UPLOAD_SIZE
    if upload.size > limit:
        raise forms.ValidationError(
            _("This file is %(size)s; documents can be at most %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)}
        )
    extension = os.path.splitext(upload.name)[1][1:].lower()
    if extension not in ACCEPTED_TYPES:
        raise forms.ValidationError(
            _("Files of type “%(ext)s” are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension or "?", "allowed": ", ".join(ACCEPTED_TYPES)}
        )
    if extension in TEXT_TYPES:
        if not _is_utf8_text(upload):
            raise forms.ValidationError(
                _(
                    "This “.%(ext)s” file is not plain UTF-8 text. Save it with UTF-8 encoding "
                    "and upload it again."
                )
                % {"ext": extension}
            )
        return
    kind = filetype.guess(upload)  # reads the first bytes and puts the file position back
    if kind is None or kind.extension != extension:
        raise forms.ValidationError(
            _(
                "The content of this file does not match its “.%(ext)s” extension: it may be "
                "renamed or damaged."
            )
            % {"ext": extension}
        )


def _is_utf8_text(upload):
    """Decode the whole file, chunk by chunk: one stray byte anywhere means it is not UTF-8 text.

    An incremental decoder carries a character split between two chunks over to the next one.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        for chunk in upload.chunks():
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        upload.seek(0)
    return True


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:  # the multiple uploader's metadata form has none
            self.fields["file"].help_text = _(
                "Accepted types: %(types)s. Maximum size: %(limit)s."
            ) % {
                "types": ", ".join(ACCEPTED_TYPES),
                "limit": filesizeformat(settings.DOCUMENT_MAX_UPLOAD_SIZE),
            }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and "file" in self.changed_data:
            check_document(upload)
        return upload

    def _post_clean(self):
        """Skip the model's checks once the upload is refused: the form is invalid anyway, and
        Wagtail's Document.clean() would check the extension of a file the instance never got,
        adding a baffling "File extension “” is not allowed" under the real reason."""
        if self.has_error("file"):
            return
        super()._post_clean()
