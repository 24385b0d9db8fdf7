"""The demo group: each app's ``demo.py`` registers a step; ``manage.py load_demo`` runs them.

Steps are idempotent: a page or object that already exists (matched by slug or title) is
left exactly as it is, so running the loader again changes nothing and editors' changes
to demo content survive.
"""

import colorsys
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.images import ImageFile
from django.utils.module_loading import autodiscover_modules
from modelcluster.models import get_all_child_relations
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images import get_image_model
from wagtail.models import Page

from labsite.registry import Registry


@dataclass
class DemoContext:
    """What earlier steps made, for later steps to link to (home page, people by slug...)."""

    home: Page | None = None
    objects: dict[str, object] = field(default_factory=dict)
    created: int = 0


@dataclass(frozen=True)
class DemoStep:
    name: str
    order: int
    run: Callable[[DemoContext], None]
    #: False for the steps that show a department's install around the group (a second group,
    #: the department's front page, a second language): ``load_demo --one-group`` leaves
    #: them out, and so does the test suite's database.
    one_group: bool = True


_steps: Registry[DemoStep] = Registry(key=lambda s: s.name, order=lambda s: s.order)


def register(name: str, order: int, one_group: bool = True):
    """Decorator: register ``fn(context)`` as the demo step ``name``, run in ``order``."""

    def decorator(fn):
        _steps.register(DemoStep(name, order, fn, one_group))
        return fn

    return decorator


def steps() -> list[DemoStep]:

    autodiscover_modules("demo")
    # The core's own steps: autodiscover finds apps' "demo" modules, and this module is the
    # core's, so its content module is imported by name (it imports this one: a cycle).
    import labsite.demo_content  # noqa: F401

    return _steps.all()


def child_page(context: DemoContext, parent: Page, page: Page) -> Page:
    """Add and publish ``page`` under ``parent`` unless a child with its slug exists."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    number_children(page)
    parent.add_child(instance=page)
    page.save_revision().publish()
    context.created += 1
    return page


def number_children(instance) -> None:
    """Rows built in code (authors, speakers, team) come without a sort order; the admin numbers
    them as they are listed, and so does this, or PostgreSQL may list them in any order."""
    for relation in get_all_child_relations(instance):
        rows = getattr(instance, relation.get_accessor_name()).all()
        for position, row in enumerate(rows):
            if getattr(row, "sort_order", 0) is None:
                row.sort_order = position


def _colour(seed: str, lightness: float, saturation: float = 0.45) -> tuple[int, int, int]:
    hue = int(hashlib.sha256(seed.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return int(r * 255), int(g * 255), int(b * 255)


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has no sized default font
        return ImageFont.load_default()


def portrait_image(context: DemoContext, title: str, initials: str):
    """A generated square portrait placeholder with initials (no network, no real person)."""

    def draw(canvas: PILImage.Image) -> None:
        pen = ImageDraw.Draw(canvas)
        w, h = canvas.size
        pen.ellipse((w * 0.28, h * 0.18, w * 0.72, h * 0.62), fill=_colour(title, 0.78))
        pen.pieslice((w * 0.12, h * 0.58, w * 0.88, h * 1.3), 180, 360, fill=_colour(title, 0.7))
        pen.text(
            (w / 2, h * 0.40),
            initials,
            fill=_colour(title, 0.25),
            font=_font(int(h * 0.16)),
            anchor="mm",
        )

    return _generated_image(context, title, (800, 800), _colour(title, 0.35), draw)


def landscape_image(context: DemoContext, title: str):
    """A generated abstract landscape for themes and news: waves in the theme's hue."""

    def draw(canvas: PILImage.Image) -> None:
        pen = ImageDraw.Draw(canvas)
        w, h = canvas.size
        for band in range(7):
            y = h * (0.35 + band * 0.1)
            points = [(x, y + 30 * ((x // 80 + band) % 3 - 1)) for x in range(0, w + 80, 80)]
            pen.line(
                points, fill=_colour(title + str(band), 0.55 + band * 0.05), width=18, joint="curve"
            )
        pen.ellipse(
            (w * 0.7, h * 0.08, w * 0.85, h * 0.08 + w * 0.15), fill=_colour(title, 0.85, 0.7)
        )

    return _generated_image(context, title, (1600, 1000), _colour(title, 0.3), draw)


def _generated_image(context, title, size, background, draw):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    # The test settings draw them smaller: every test session loads the demo and makes each
    # image's renditions (AVIF above all) before its first test.
    scale = getattr(settings, "LABSITE_DEMO_IMAGE_SCALE", 1)
    size = (round(size[0] * scale), round(size[1] * scale))
    canvas = PILImage.new("RGB", size, background)
    draw(canvas)
    buffer = io.BytesIO()
    canvas.save(buffer, format="JPEG", quality=85)
    filename = hashlib.sha1(title.encode()).hexdigest()[:12] + ".jpg"
    image = Image(title=title, file=ImageFile(buffer, name=filename))
    image.save()
    context.created += 1
    return image
