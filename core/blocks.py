"""StreamField blocks shared by every page type."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


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
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = "An image with an optional caption"


class ContentBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    image = ImageBlock()

    class Meta:
        template = "blocks/content_block.html"


class SocialLinkBlock(blocks.StructBlock):
    network = blocks.CharBlock(max_length=40, help_text="e.g. “LinkedIn”, “Mastodon”.")
    url = blocks.URLBlock(label="Address")

    class Meta:
        icon = "link-external"
        template = "blocks/social_link_block.html"
        description = "A link to one of the organisation's social media accounts"
