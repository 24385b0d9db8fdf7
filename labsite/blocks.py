"""StreamField blocks shared by every body field on the site."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from labsite import sections
from labsite.pagecache.scopes import depends_on_every_site

RICH_TEXT_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "superscript",
    "subscript",
]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120, help_text=_("The heading's words, without numbering."))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection")), ("h4", _("Minor heading"))],
        default="h2",
        help_text=_("Sections divide a page; subsections divide a section."),
    )

    class Meta:
        icon = "title"
        template = "components/blocks/heading.html"


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alt text and an optional visible caption and credit."""

    image = ImageBlock(help_text=_("Describe the image in the alt text unless it is decorative."))
    caption = blocks.CharBlock(
        required=False, max_length=300, help_text=_("Shown under the image.")
    )
    credit = blocks.CharBlock(
        required=False, max_length=120, help_text=_("Photographer or source, if needed.")
    )

    class Meta:
        icon = "image"
        template = "components/blocks/image.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(help_text=_("The quoted words, without quotation marks."))
    attribution = blocks.CharBlock(required=False, max_length=200, help_text=_("Who said it."))

    class Meta:
        icon = "openquote"
        template = "components/blocks/quote.html"


class CodeBlock(blocks.StructBlock):
    """A piece of code or command output shown as written (monospace, whitespace kept)."""

    language = blocks.CharBlock(
        required=False,
        max_length=40,
        help_text=_("The programming language, if any (python, R, bash…); shown to readers."),
    )
    code = blocks.TextBlock(help_text=_("Paste the code as it is; spaces and lines are kept."))

    class Meta:
        icon = "code"
        template = "components/blocks/code.html"


def _check_latex_braces(latex: str) -> None:
    depth = 0
    for position, char in enumerate(latex, start=1):
        if char == "{" and latex[position - 2 : position - 1] != "\\":
            depth += 1
        elif char == "}" and latex[position - 2 : position - 1] != "\\":
            depth -= 1
            if depth < 0:
                raise ValidationError(
                    _(
                        "There is a closing brace } at character %(n)s with no opening brace before it."
                    ),
                    params={"n": position},
                )
    if depth:
        raise ValidationError(
            _(
                "%(n)s opening brace(s) { are never closed. Add the missing } or remove the extra {."
            ),
            params={"n": depth},
        )


class EquationBlock(blocks.StructBlock):
    latex = blocks.TextBlock(
        rows=3,
        help_text=_(
            "The equation in LaTeX, without $ or \\[ \\] around it, e.g. E = mc^2 or "
            "\\frac{a}{b}. Readers without JavaScript see this text."
        ),
    )
    label = blocks.CharBlock(
        required=False,
        max_length=20,
        help_text=_("Optional number or name shown beside it, e.g. (1)."),
    )

    def clean(self, value):
        value = super().clean(value)
        try:
            _check_latex_braces(value["latex"])
        except ValidationError as error:
            raise StructBlockValidationError(block_errors={"latex": error}) from error
        return value

    class Meta:
        icon = "decimal"
        template = "components/blocks/equation.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("A short invitation, e.g. 'Join us'."))
    text = blocks.TextBlock(required=False, max_length=400, help_text=_("One or two sentences."))
    button_label = blocks.CharBlock(max_length=40, help_text=_("The words on the button."))
    page = blocks.PageChooserBlock(required=False, help_text=_("A page of this site to link to..."))
    url = blocks.URLBlock(
        required=False, help_text=_("...or an address elsewhere. Fill exactly one.")
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = _("Choose a page of this site or type an address, not both and not neither.")
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    class Meta:
        icon = "pick"
        template = "components/blocks/call_to_action.html"


class FundingAcknowledgementBlock(blocks.StructBlock):
    introduction = blocks.CharBlock(
        max_length=120,
        default="This work is supported by",
        help_text=_("The words before the list of funders."),
    )
    grants = blocks.ListBlock(
        SnippetChooserBlock("labsite.Grant"),
        min_num=1,
        help_text=_("The grants to thank (add them under Snippets > Grants)."),
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A grant deleted after the page was written leaves None behind: skip it.
        context["grants"] = [grant for grant in value["grants"] if grant is not None]
        return context

    class Meta:
        icon = "doc-full"
        label = _("Funders' acknowledgement")
        template = "components/blocks/funding_acknowledgement.html"


class CitationBlock(blocks.StructBlock):
    """One of the group's papers, cited as the site formats it, linked to its page.

    The page types that can be cited come from the ``LABSITE_CITABLE_PAGE_TYPES`` setting (the
    core names no domain app) and are expected to store ``citation_html``.
    """

    publication = blocks.PageChooserBlock(
        page_type=settings.LABSITE_CITABLE_PAGE_TYPES,
        help_text=_(
            "Choose one of the group's publications: its citation appears in the site's style, "
            "with a link to the paper's page, and the paper's page lists this page in return."
        ),
    )

    class Meta:
        icon = "openquote"
        label = _("Cite a group publication")
        template = "components/blocks/citation.html"


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, icon="pilcrow", template="components/blocks/paragraph.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    code = CodeBlock()
    embed = EmbedBlock(
        help_text=_("Paste a YouTube, Vimeo or other video/slide address."),
        icon="media",
        template="components/blocks/embed.html",
    )
    equation = EquationBlock()
    call_to_action = CallToActionBlock()
    funding = FundingAcknowledgementBlock()
    citation = CitationBlock()


class HeroBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120, help_text=_("The group's one-line promise."))
    text = blocks.TextBlock(required=False, max_length=500, help_text=_("Two or three sentences."))
    image = ImageBlock(required=False, help_text=_("Optional; landscape, at least 1600 px wide."))
    primary_page = blocks.PageChooserBlock(
        required=False, help_text=_("Optional button, e.g. to your research themes.")
    )
    primary_label = blocks.CharBlock(required=False, max_length=40, help_text=_("Button text."))

    class Meta:
        icon = "home"
        template = "components/blocks/hero.html"


class LatestItemsBlock(blocks.StructBlock):
    """A list that fills itself: latest news, recent publications, open positions..."""

    section = blocks.ChoiceBlock(
        choices=sections.choices, help_text=_("What this list shows. It updates by itself.")
    )
    heading = blocks.CharBlock(
        required=False, max_length=80, help_text=_("Leave empty to use the list's usual name.")
    )
    count = blocks.IntegerBlock(
        default=3, min_value=1, max_value=12, help_text=_("How many items to show at most.")
    )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        section = sections.get(value["section"])
        request = (parent_context or {}).get("request")
        context["section"] = section
        context["items"] = section.items(request, value["count"]) if section else []
        if section is not None and section.spans_sites:
            depends_on_every_site(request)  # stored copies: dropped on any group's change
        context["heading"] = value["heading"] or (section.label if section else "")
        return context

    class Meta:
        icon = "list-ul"
        template = "components/blocks/latest_items.html"


class FeaturedPagesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=80, help_text=_("E.g. 'Our research'."))
    pages = blocks.ListBlock(
        blocks.PageChooserBlock(), min_num=1, max_num=6, help_text=_("Up to six pages, in order.")
    )

    class Meta:
        icon = "doc-full"
        template = "components/blocks/featured_pages.html"


class HomeStreamBlock(BaseStreamBlock):
    hero = HeroBlock()
    latest = LatestItemsBlock()
    featured_pages = FeaturedPagesBlock()
