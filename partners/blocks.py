"""Blocks of an event's materials: recordings and documents published after (or before) it."""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class RecordingBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    url = blocks.URLBlock(label="Address", help_text="Where the recording is watched or heard.")

    class Meta:
        icon = "media"
        template = "partners/blocks/recording_block.html"
        description = "A link to a recording of the event or one of its sessions"


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        max_length=255, required=False, help_text="Leave empty to use the document's title."
    )

    class Meta:
        icon = "doc-full"
        template = "partners/blocks/document_block.html"
        description = "A document of the event: programme, slides, report"


class MaterialsBlock(blocks.StreamBlock):
    recording = RecordingBlock()
    document = DocumentBlock()

    class Meta:
        template = "partners/blocks/materials_block.html"
