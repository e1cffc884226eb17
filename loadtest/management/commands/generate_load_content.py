"""Fill the portal with generated load-test pages, or remove them (--clear).

    manage.py generate_load_content --pages 10000
    manage.py generate_load_content --clear

Half the pages are programmes, three tenths partners, two tenths events (with dates in their
own time zones, most of them over, some upcoming, a few series known by years), under the seed's
indexes (run load_seed_content first). Each has a title, summary and body in all nine
languages saying it is load-test content, a slug starting "load-test-", and a picture from
a pool of twelve generated ones (collection "Load-test images"). Programmes get a status,
countries, themes, a phase and partners. The visitors' search index is built for them.
With --articles N it also adds N news articles (kinds, dates over ten years, themes, about
a programme, an author) and N publications (kinds, years, themes, programmes, an author,
the English document for half of them, a Russian one for a quarter) under the seed's news
and library indexes. Deterministic for a given --seed.
"""

import datetime
import random
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from tqdm import tqdm

from core import listing_options
from library.models import (
    LibraryIndexPage,
    ResourceAuthor,
    ResourcePage,
    ResourceProgramme,
    ResourceTheme,
)
from loadtest import content
from loadtest.builder import add_pages
from news.models import ArticleAuthor, ArticlePage, ArticleRelatedPage, ArticleTheme, NewsIndexPage
from partners.events import over_at
from partners.models import EventIndexPage, EventPage, PartnerIndexPage, PartnerPage
from programmes import listing
from programmes.models import (
    ProgrammeIndexPage,
    ProgrammePage,
    ProgrammePartner,
    ProgrammePhase,
    ProgrammeTheme,
    Theme,
)

BATCH = 250
EVENT_TIME_ZONES = ["Europe/Berlin", "Asia/Seoul", "America/Sao_Paulo", "Africa/Johannesburg"]
SHARES = ((ProgrammePage, 5), (PartnerPage, 3), (EventPage, 2))  # tenths of --pages


class Command(BaseCommand):
    help = "Add generated load-test pages in nine languages (or remove them with --clear)."

    def add_arguments(self, parser):
        parser.add_argument("--pages", type=int, default=10_000)
        parser.add_argument("--clear", action="store_true", help="remove all load-test content")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--articles", type=int, default=0, help="also add this many articles and publications"
        )

    def handle(self, *args, pages, clear, seed, articles, **options):
        if clear:
            self.clear()
            return
        indexes = {
            ProgrammePage: ProgrammeIndexPage.objects.first(),
            PartnerPage: PartnerIndexPage.objects.first(),
            EventPage: EventIndexPage.objects.first(),
        }
        if not all(indexes.values()):
            raise CommandError("No programme, partner or event index: run load_seed_content.")
        rng = random.Random(seed)  # noqa: S311 (reproducible content, not secrets)
        images = self.image_pool()
        themes = list(Theme.objects.filter(live=True))
        start = Page.objects.filter(slug_en__startswith=content.SLUG_PREFIX).count()
        counts = {model: pages * tenths // 10 for model, tenths in SHARES}
        counts[ProgrammePage] += pages - sum(counts.values())
        created = {}
        with tqdm(total=pages, unit="page", desc="pages", disable=options["verbosity"] == 0) as bar:
            for model, count in counts.items():
                created[model] = []
                for offset in range(0, count, BATCH):
                    size = min(BATCH, count - offset)
                    rows = [self.row(model, rng, images, start + offset + n) for n in range(size)]
                    created[model] += add_pages(indexes[model], model, rows)
                    bar.update(size)
                start += count
        self.link_programmes(rng, created[ProgrammePage], created[PartnerPage], themes)
        if articles:
            created["news"] = self.add_articles_and_publications(rng, images, themes, articles)
        self.index_for_search([page for group in created.values() for page in group])
        listing_options.forget_all()  # pages and links written in bulk, without signals
        if connection.vendor == "postgresql":
            # What autovacuum would do a little later: fresh statistics (planned on the
            # empty tables' guesses, wide page queries can take seconds of JIT compilation)
            # and the visibility map, without which an index-only scan reads every row.
            # VACUUM cannot run in a transaction (a caller's, such as a test's).
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            with connection.cursor() as cursor:
                cursor.execute(command)
        self.stdout.write(f"Added {pages} load-test pages.")

    def row(self, model, rng, images, number):
        kind = {ProgrammePage: "programme", PartnerPage: "partner", EventPage: "event"}[model]
        text = content.texts(kind, rng)
        slug = f"{content.SLUG_PREFIX}{kind}-{number:05d}"
        row = {
            "slug": {"en": slug, "ru": f"{slug}-ru"},
            "title": {code: f"{title} #{number}" for code, title in text["titles"].items()},
            "search_description_en": "Generated load-test content (generate_load_content).",
        }
        bodies = content.body(text["summaries"])
        for code in content.LANGUAGES:
            suffix = code.replace("-", "_")
            row[f"summary_{suffix}"] = text["summaries"][code]
            row[f"body_{suffix}"] = bodies[code]
        image = images[number % len(images)]
        if model is ProgrammePage:
            row.update(
                status=rng.choice(["planned", "ongoing", "ongoing", "completed"]),
                is_flagship=rng.random() < 0.05,
                start_year=text["start"],
                end_year=text["end"],
                countries=sorted({text["country"], rng.choice(content.PLACES)[1]}),
                image=image,
            )
        elif model is PartnerPage:
            row.update(
                relationship=rng.choice(["programme_partner", "tool_partner", "focal_point"]),
                since_year=text["start"],
                logo=image,
            )
        else:
            row.update(self.event_dates(rng, text), logo=image)
        return row

    def add_articles_and_publications(self, rng, images, themes, count):
        """`count` articles and `count` publications, linked to the seed's and the generated
        programmes, with one load-test author and documents (English, some Russian)."""
        from django.core.files.base import ContentFile

        from wagtail.documents import get_document_model

        from people.models import Person

        news, library = NewsIndexPage.objects.first(), LibraryIndexPage.objects.first()
        if news is None or library is None:
            raise CommandError("No news or library index: run load_seed_content.")
        programmes = list(ProgrammePage.objects.live().values_list("pk", flat=True)[:500])
        author = Person.objects.create(
            name_en="Load-test author", name_ru="Автор нагрузочного теста", live=True
        )
        Document = get_document_model()
        root = Collection.objects.get(name=content.COLLECTION_NAME)
        documents = {
            code: Document.objects.create(
                title=f"Load-test document ({code})",
                collection=root,
                file=ContentFile(content.SUMMARY[code].encode(), name=f"load-test-{code}.txt"),
            )
            for code in ("en", "ru")
        }
        start = Page.objects.filter(slug_en__startswith=f"{content.SLUG_PREFIX}article").count()
        created = []
        for model, parent, kind in (
            (ArticlePage, news, "article"),
            (ResourcePage, library, "publication"),
        ):
            rows = []
            for number in range(start, start + count):
                text = content.texts("programme", rng)
                slug = f"{content.SLUG_PREFIX}{kind}-{number:05d}"
                row = {
                    "slug": {"en": slug, "ru": f"{slug}-ru"},
                    "title": {code: f"{title} #{number}" for code, title in text["titles"].items()},
                }
                for code in content.LANGUAGES:
                    row[f"summary_{code.replace('-', '_')}"] = text["summaries"][code]
                if model is ArticlePage:
                    row.update(
                        kind=rng.choice(["news", "news", "story", "press_release"]),
                        date=datetime.date(2016, 1, 1)
                        + datetime.timedelta(days=rng.randint(0, 3650)),
                        image=images[number % len(images)],
                    )
                else:
                    row.update(
                        kind=rng.choice(["report", "guide", "case_study", "policy_brief"]),
                        year=rng.randint(2010, 2025),
                        cover=images[number % len(images)],
                        document_en=documents["en"] if number % 2 == 0 else None,
                        document_ru=documents["ru"] if number % 4 == 0 else None,
                    )
                rows.append(row)
            pages = []
            for offset in range(0, len(rows), BATCH):
                pages += add_pages(parent, model, rows[offset : offset + BATCH])
            created += pages
            self.link_news(rng, model, pages, themes, programmes, author)
        return created

    @transaction.atomic
    def link_news(self, rng, model, pages, themes, programmes, author):
        if model is ArticlePage:
            theme_link, author_link = ArticleTheme, ArticleAuthor
            about = [
                ArticleRelatedPage(page=page, page_link_id=rng.choice(programmes), sort_order=0)
                for page in pages
            ]
        else:
            theme_link, author_link = ResourceTheme, ResourceAuthor
            about = [
                ResourceProgramme(page=page, programme_id=rng.choice(programmes), sort_order=0)
                for page in pages
            ]
        theme_link.objects.bulk_create(
            [theme_link(page=page, theme=rng.choice(themes), sort_order=0) for page in pages],
            batch_size=1000,
        )
        author_link.objects.bulk_create(
            [author_link(page=page, person=author, sort_order=0) for page in pages], batch_size=1000
        )
        if about:
            type(about[0]).objects.bulk_create(about, batch_size=1000)

    @staticmethod
    def event_dates(rng, text):
        """Most events took place on a day in their start year (the archive); one in ten is
        upcoming (in 2030 or later); one in twenty is a series known only by its years."""
        if rng.random() < 0.05:
            return {"start_year": text["start"], "end_year": text["end"], "is_series": True}
        year = text["start"] if rng.random() < 0.9 else rng.randint(2030, 2032)
        time_zone = rng.choice(EVENT_TIME_ZONES)
        day = (rng.randint(1, 12), rng.randint(1, 28), rng.randint(8, 15))
        start = datetime.datetime(year, *day, tzinfo=ZoneInfo(time_zone))
        fields = {
            "start": start,
            "end": start + datetime.timedelta(days=rng.randint(0, 2), hours=rng.randint(1, 3)),
            "time_zone": time_zone,
            "all_day": rng.random() < 0.3,
            "attendance": rng.choice(["in_person", "online", "mixed"]),
            "address_en": f"Convention centre, {rng.choice(content.PLACES)[0]}",
        }
        event = EventPage(**fields)
        event.set_years()
        fields.update(start_year=event.start_year, end_year=event.end_year)
        return {**fields, "ends_at": over_at(event)}

    def image_pool(self, size=12):
        root = Collection.get_first_root_node()
        collection = Collection.objects.filter(name=content.COLLECTION_NAME).first()
        if collection is None:
            collection = root.add_child(name=content.COLLECTION_NAME)
        Image = get_image_model()
        images = list(Image.objects.filter(collection=collection).order_by("pk"))
        for number in range(len(images), size):
            image = Image(
                title=f"Load-test picture {number}",
                collection=collection,
                description_en=f"Load-test picture {number} (bands of colour)",
            )
            image.file.save(f"load-test-{number:02d}.jpg", content.picture(number), save=False)
            image.save()
            images.append(image)
        return images

    @transaction.atomic
    def link_programmes(self, rng, programmes, partners, themes):
        links, phases, partner_links = [], [], []
        for programme in programmes:
            for order, theme in enumerate(rng.sample(themes, min(len(themes), 2))):
                links.append(ProgrammeTheme(page=programme, theme=theme, sort_order=order))
            phases.append(
                ProgrammePhase(
                    page=programme,
                    name_en="Phase 1",
                    name_ru="Этап 1",
                    start_year=programme.start_year,
                    end_year=programme.end_year,
                    countries=programme.countries,
                    sort_order=0,
                )
            )
            for order, partner in enumerate(rng.sample(partners, min(len(partners), 2))):
                partner_links.append(
                    ProgrammePartner(page=programme, partner=partner, sort_order=order)
                )
        ProgrammeTheme.objects.bulk_create(links, batch_size=1000)
        ProgrammePhase.objects.bulk_create(phases, batch_size=1000)
        ProgrammePartner.objects.bulk_create(partner_links, batch_size=1000)
        # Bulk-created rows bypass ProgrammePage.save, which keeps the country index.
        for start in range(0, len(programmes), BATCH):
            listing.index_countries(programmes[start : start + BATCH])

    def index_for_search(self, pages):
        try:
            from search.indexing import index_pages
        except ImportError:  # the visitors' search is not installed
            return
        for start in tqdm(range(0, len(pages), BATCH), desc="search index", unit="batch"):
            index_pages(pages[start : start + BATCH])

    @transaction.atomic
    def clear(self):
        pages = Page.objects.filter(slug_en__startswith=content.SLUG_PREFIX)
        count = pages.count()
        pages.delete()  # treebeard fixes the indexes' child counts; each type's row cascades
        from wagtail.documents import get_document_model

        from people.models import Person

        Person.objects.filter(name_en="Load-test author").delete()
        get_document_model().objects.filter(title__startswith="Load-test document").delete()
        Image = get_image_model()
        Image.objects.filter(collection__name=content.COLLECTION_NAME).delete()
        listing_options.forget_all()
        self.stdout.write(f"Removed {count} load-test pages and their pictures.")
