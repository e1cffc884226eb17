"""StreamField blocks shared by every page type: the block library of page bodies.

Every text a visitor reads is a CharBlock, TextBlock or RichTextBlock (or a typed table's
cell and heading), so translations.segments exports it as a segment of its own; choosers,
links, numbers and dates stay the same in every language.
"""

from decimal import Decimal
from urllib.parse import urlsplit

from django.utils import formats
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock as OEmbedBlock
from wagtail.images.blocks import ImageChooserBlock

TEXT_FEATURES = ["bold", "italic", "link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        form_classname = "title"
        description = "A section heading (shown as a second-level heading)"


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "features", ["bold", "italic", "link", "ol", "ul", "h3", "h4", "document-link"]
        )
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        description = "Formatted text: paragraphs, lists, links"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(
        required=False,
        label=_("Alternative text"),
        help_text=_(
            "What the image shows, for people who cannot see it, in this language. "
            "Empty: the image's own description."
        ),
    )
    caption = blocks.CharBlock(required=False)
    credit = blocks.CharBlock(
        required=False, help_text=_("Photographer or rights holder, e.g. “© ICLEI”.")
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with an optional caption, credit and alternative text"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text=_("Who said or wrote it."))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        description = "A pull quote with optional attribution"


class TableBlock(blocks.StructBlock):
    """A data table: the first row is always the header row; the first column may be too."""

    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(required=False)),
            ("number", blocks.DecimalBlock(required=False)),
            ("rich_text", blocks.RichTextBlock(required=False, features=TEXT_FEATURES)),
        ],
        help_text=_("Column headings form the header row; the caption says what the table shows."),
    )
    row_headers = blocks.BooleanBlock(
        required=False,
        label=_("First column is a header"),
        help_text=_("Each row's first cell names the row, e.g. a country or a year."),
    )

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        description = "A table with a caption, a header row and optionally a header column"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    text = blocks.RichTextBlock(required=False, features=TEXT_FEATURES)
    label = blocks.CharBlock(
        label=_("Button label"), help_text=_("Says what happens, e.g. “Join the network”.")
    )
    page = blocks.PageChooserBlock(required=False, help_text=_("A page of this site, or…"))
    url = blocks.URLBlock(required=False, label=_("Address"), help_text=_("…another address."))

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"
        description = "A short invitation with one prominent link"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={"url": _("Choose a page or enter an address (one of the two).")}
            )
        return value


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question or title"))
    answer = ParagraphBlock()

    class Meta:
        icon = "help"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers, each opened by the visitor (<details>: no script needed)."""

    heading = blocks.CharBlock(required=False)
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion_block.html"
        description = "Questions and answers (FAQ) that open one by one"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, help_text=_("Shown instead of the document's own title, in this language.")
    )

    class Meta:
        icon = "doc-full"


class DocumentListBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    documents = blocks.ListBlock(DocumentLinkBlock(), min_num=1)

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/document_list_block.html"
        description = "A list of documents to download"


class KeyFigureValue(blocks.StructValue):
    def formatted_value(self):
        """The value as a visitor reads it in the active language: “1,750”, “1,5 °C”."""
        value = Decimal(self.get("value")).normalize()
        decimals = max(0, -value.as_tuple().exponent)
        number = formats.number_format(value, decimal_pos=decimals, force_grouping=True)
        unit = self.get("unit")
        return f"{number}\u00a0{unit}" if unit else number


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.DecimalBlock()
    unit = blocks.CharBlock(
        required=False, max_length=20, help_text=_("e.g. “°C”; empty for counts.")
    )
    label = blocks.CharBlock(help_text=_("What the number counts, e.g. “countries”."))
    source = blocks.CharBlock(required=False)
    source_url = blocks.URLBlock(required=False)
    as_of = blocks.DateBlock(
        required=False, help_text=_("When the figure was true. Leave empty if unknown.")
    )

    class Meta:
        icon = "order"
        template = "blocks/key_figure_block.html"
        description = "One figure shown as data: value, unit, label, source and date"
        value_class = KeyFigureValue


class EmbedValue(blocks.StructValue):
    def host(self):
        """The provider's host name, for the link text (nothing is fetched to show it)."""
        url = self.get("url")
        return urlsplit(getattr(url, "url", "") or "").hostname or ""


class EmbedBlock(blocks.StructBlock):
    """A video or other media from an oEmbed provider, shown as a link until clicked.

    The page loads nothing from the provider (no iframe, no thumbnail): a visitor who
    follows the link goes to the provider's own page. wagtail.embeds checks, when the
    editor saves, that the address is one a known provider can embed."""

    url = OEmbedBlock(
        label=_("Address"), help_text=_("e.g. a YouTube or Vimeo address of the video.")
    )
    title = blocks.CharBlock(help_text=_("What the media is, shown as the link text."))
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "blocks/embed_block.html"
        description = "A video or other media, opened at its provider when a visitor chooses"
        value_class = EmbedValue


class RelatedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False)
    pages = blocks.ListBlock(blocks.PageChooserBlock(), min_num=1)

    class Meta:
        icon = "doc-empty-inverse"
        template = "blocks/related_pages_block.html"
        description = "Links to other pages of this site"


class ContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()
    quote = QuoteBlock()
    table = TableBlock()
    call_to_action = CallToActionBlock()
    accordion = AccordionBlock()
    documents = DocumentListBlock()
    key_figure = KeyFigureBlock()
    embed = EmbedBlock()
    related_pages = RelatedPagesBlock()

    class Meta:
        template = "blocks/content_block.html"


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(max_length=40, help_text="e.g. “LinkedIn”, “Mastodon”.")
    url = blocks.URLBlock(label="Address")

    class Meta:
        icon = "link-external"
        template = "blocks/social_link_block.html"
        description = "A link to one of the organisation's social media accounts"
