"""Fill a benchmark database with deterministic synthetic data at a chosen scale.

The registry itself holds a few dozen records; the benchmark needs 1k to 100k
organisations to show how pages and exports scale. Everything written here is
marked as synthetic (its `Source` is `SYNTHETIC_DOCUMENT`), and the command
refuses to write into a database that holds anything else, so the real
registry can never receive invented data.
"""

import datetime
import functools
import itertools
import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import connections, transaction

from core.models import Category, Country, Prefecture, Sector, Source
from councils.models import ActivityPillar, Council, MemberCategory, MembershipSnapshot
from events.models import (
    Agreement,
    AgreementParty,
    Event,
    Programme,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
)
from members.models import CouncilRole, Organisation, Person

SYNTHETIC_DOCUMENT = "合成ベンチマークデータ (synthetic benchmark data)"

# Children first: the order in which tables are emptied by --replace.
MODELS = [
    Talk,
    Event,
    AgreementParty,
    Agreement,
    ProgrammeItem,
    ProgrammeAmount,
    Programme,
    CouncilRole,
    Person,
    Organisation,
    MembershipSnapshot,
    MemberCategory,
    ActivityPillar,
    Council,
    Source,
]

# Sizes relative to the number of organisations. Councils grow with the
# registry up to 50 (the region has five today; ten times that keeps the home
# page a page), so a council has about 400 members up to 10k organisations
# and more beyond.
ORGANISATIONS_PER_COUNCIL = 200
FEWEST_COUNCILS = 5
MOST_COUNCILS = 50
ORGANISATIONS_PER_PERSON = 2
ORGANISATIONS_PER_EVENT = 20
TALKS_PER_EVENT = 3
SNAPSHOTS_PER_COUNCIL = 3
ORGANISATIONS_PER_AGREEMENT = 1000
PARTIES_PER_AGREEMENT = 4
ORGANISATIONS_PER_PROGRAMME = 200

CITIES = {
    Prefecture.TOTTORI: ["鳥取市", "米子市"],
    Prefecture.SHIMANE: ["松江市", "出雲市"],
    Prefecture.OKAYAMA: ["岡山市", "倉敷市"],
    Prefecture.HIROSHIMA: ["広島市", "東広島市", "福山市"],
    Prefecture.YAMAGUCHI: ["山口市", "下関市", "周南市"],
}
SECTOR_WEIGHTS = {
    Sector.INDUSTRY: 60,
    Sector.ACADEMIA: 15,
    Sector.GOVERNMENT: 10,
    Sector.SUPPORT: 10,
    Sector.OTHER: 5,
}
CATEGORIES = {
    Sector.INDUSTRY: [Category.MATERIALS_MAKER, Category.EQUIPMENT_MAKER, Category.COMPANY],
    Sector.ACADEMIA: [
        Category.UNIVERSITY,
        Category.TECHNICAL_COLLEGE,
        Category.RESEARCH_INSTITUTE,
    ],
    Sector.GOVERNMENT: [Category.ADMINISTRATION],
    Sector.SUPPORT: [Category.INDUSTRIAL_SUPPORT, Category.INDUSTRY_ASSOCIATION],
    Sector.OTHER: [Category.CHAMBER_OF_COMMERCE],
}
FIRST_DAY = datetime.date(2020, 4, 1)
BATCH_SIZE = 5000
NOT_GIVEN = object()


def parse_size(value):
    """`1000`, `1k` or `100k` as a number of organisations."""
    text = value.strip().lower()
    factor = 1000 if text.endswith("k") else 1
    try:
        size = int(text.removesuffix("k")) * factor
    except ValueError as error:
        raise CommandError(f"Not a size: {value!r} (try 1k, 10k or 100k).") from error
    if not 10 <= size <= 1_000_000:
        raise CommandError(f"The size must be between 10 and 1,000,000 organisations: {value!r}.")
    return size


class Command(BaseCommand):
    help = (
        "Fill an empty benchmark database with deterministic synthetic organisations, "
        "people, roles, events, talks, snapshots, agreements and programmes."
    )

    def add_arguments(self, parser):
        parser.add_argument("size", help="Number of organisations: e.g. 1000, 1k, 10k, 100k.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--database", default="default", help="Database alias.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Empty a database that holds earlier synthetic data first.",
        )

    def handle(self, *args, size, seed, database, replace, **options):
        organisations = parse_size(size)
        self.check_target(database, replace)
        with transaction.atomic(using=database):
            if replace:
                for model in MODELS:
                    model.objects.using(database).all()._raw_delete(database)
            counts = Generator(organisations, seed, database).run()
        connection = connections[database]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), MODELS):
                cursor.execute(sql)
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(f"Synthetic benchmark data written: {summary}.")

    def check_target(self, database, replace):
        """Refuse anything but an empty database or one holding only earlier synthetic data."""
        name = str(connections[database].settings_dict["NAME"])
        if name == str(settings.BASE_DIR / "db.sqlite3"):
            raise CommandError(
                "Refusing to write synthetic data into the registry's own database "
                f"({name}). Point DATABASE_URL at a separate benchmark database."
            )
        sources = Source.objects.using(database)
        if sources.exclude(title=SYNTHETIC_DOCUMENT).exists():
            raise CommandError(
                "This database holds real registry records; synthetic data is only "
                "written into a separate benchmark database."
            )
        populated = [
            model._meta.label for model in MODELS if model.objects.using(database).exists()
        ]
        if populated and not replace:
            raise CommandError(
                f"This database already holds synthetic data ({', '.join(populated)}); "
                "pass --replace to write it again."
            )


class Generator:
    """Builds every row in memory with fixed primary keys, then bulk-inserts them."""

    def __init__(self, organisations, seed, database):
        self.n = organisations
        self.random = random.Random(seed)
        self.database = database
        self.councils = min(
            MOST_COUNCILS, max(FEWEST_COUNCILS, organisations // ORGANISATIONS_PER_COUNCIL)
        )

    def save(self, model, rows):
        """Insert `rows` (dicts of column values) with one executemany per batch.

        Far faster than building model instances for bulk_create at 100k rows;
        columns a row leaves out take the field's default, as the ORM would.
        """
        connection = connections[self.database]
        fields = model._meta.local_concrete_fields
        if not any(field.primary_key for field in fields if field.attname in rows[0]):
            fields = [field for field in fields if not field.primary_key]
        columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        table = connection.ops.quote_name(model._meta.db_table)
        sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        converters = [self.converter(field, connection) for field in fields]
        values = (
            [
                convert(row.get(field.attname, NOT_GIVEN))
                for field, convert in zip(fields, converters, strict=True)
            ]
            for row in rows
        )
        with connection.cursor() as cursor:
            batch = list(itertools.islice(values, BATCH_SIZE))
            while batch:
                cursor.executemany(sql, batch)
                batch = list(itertools.islice(values, BATCH_SIZE))
        return len(rows)

    @staticmethod
    def converter(field, connection):
        """A function giving the database value of `field` for a Python value."""
        default = field.get_db_prep_save(field.get_default(), connection)

        @functools.cache
        def prepare(value):
            return field.get_db_prep_save(value, connection)

        def convert(value):
            if value is NOT_GIVEN:
                return default
            if value is None or isinstance(value, int | str):
                return value
            return prepare(value)

        return convert

    def day(self, offset):
        return FIRST_DAY + datetime.timedelta(days=offset % 1800)

    def run(self):
        counts = {}
        sourced = {"source_id": 1, "as_of": datetime.date(2024, 3, 31)}
        counts["sources"] = self.save(
            Source,
            [
                {
                    "id": 1,
                    "kind": "document",
                    "title": SYNTHETIC_DOCUMENT,
                    "title_en": "Synthetic data",
                    "as_of": sourced["as_of"],
                }
            ],
        )
        counts["councils"] = self.councils_(sourced)
        counts["organisations"] = self.organisations_(sourced)
        counts["people"] = self.people_(sourced)
        counts["roles"] = self.roles_(sourced)
        counts["events"], counts["talks"] = self.events_(sourced)
        counts["agreements"] = self.agreements_(sourced)
        counts["programmes"] = self.programmes_(sourced)
        return counts

    def councils_(self, sourced):
        prefectures = list(Prefecture.values)
        kinds = list(Council.Kind.values)
        councils, pillars, categories, snapshots = [], [], [], []
        for pk in range(1, self.councils + 1):
            councils.append(
                dict(
                    id=pk,
                    slug=f"bench-council-{pk}",
                    name=f"合成協議会{pk:05d}",
                    name_en=f"Synthetic council {pk:05d}",
                    short_name=f"合成{pk}",
                    short_name_en=f"Synthetic {pk}",
                    kind=kinds[pk % len(kinds)],
                    scope=Council.Scope.PREFECTURE,
                    prefecture=prefectures[pk % len(prefectures)],
                    founded_on=self.day(pk * 37),
                    purpose="合成データによる性能測定用の協議会。",
                    purpose_en="A council made up for performance measurement.",
                    **sourced,
                )
            )
            for order in range(1, 4):
                pillars.append(
                    dict(
                        council_id=pk,
                        order=order,
                        marker="①②③"[order - 1],
                        name=f"活動{order}",
                        name_en=f"Activity {order}",
                        **sourced,
                    )
                )
            for order, sector in enumerate(
                [Sector.INDUSTRY, Sector.ACADEMIA, Sector.GOVERNMENT, Sector.SUPPORT], start=1
            ):
                categories.append(
                    dict(
                        council_id=pk,
                        order=order,
                        sector=sector,
                        category=CATEGORIES[sector][0],
                        name=f"区分{order}",
                        name_en=f"Category {order}",
                        **sourced,
                    )
                )
            # Each organisation is a member of 1.5 councils on average (see roles_).
            members = self.n * 3 // 2 // self.councils
            for step in range(SNAPSHOTS_PER_COUNCIL):
                # Membership grows by a tenth a year up to today's count.
                total = members * (10 - SNAPSHOTS_PER_COUNCIL + 1 + step) // 10
                snapshots.append(
                    {
                        "council_id": pk,
                        "as_of": datetime.date(2022 + step, 3, 1),
                        "total": total,
                        "companies": total * 6 // 10,
                        "education": total * 2 // 10,
                        "government": total // 10,
                        "other": total - total * 6 // 10 - total * 2 // 10 - total // 10,
                        "source_id": 1,
                    }
                )
        self.save(Council, councils)
        self.save(ActivityPillar, pillars)
        self.save(MemberCategory, categories)
        self.save(MembershipSnapshot, snapshots)
        return len(councils)

    def organisations_(self, sourced):
        sectors = self.random.choices(
            list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()), k=self.n
        )
        # Names are numbered in a shuffled order, so sorting by name is real work.
        numbers = list(range(1, self.n + 1))
        self.random.shuffle(numbers)
        prefectures = list(CITIES)
        rows = []
        for index, (sector, number) in enumerate(zip(sectors, numbers, strict=True)):
            overseas = index % 50 == 49
            prefecture = "" if overseas else prefectures[self.random.randrange(len(prefectures))]
            rows.append(
                dict(
                    id=index + 1,
                    name=f"合成組織{number:07d}",
                    name_en=f"Synthetic organisation {number:07d}",
                    sector=sector,
                    category=self.random.choice(CATEGORIES[sector]),
                    prefecture=prefecture,
                    city=self.random.choice(CITIES[prefecture]) if prefecture else "",
                    country=Country.TAIWAN if overseas else Country.JAPAN,
                    **sourced,
                )
            )
        return self.save(Organisation, rows)

    def people_(self, sourced):
        rows = [
            dict(
                id=pk,
                name=f"合成人物{pk:07d}",
                name_en=f"Synthetic person {pk:07d}",
                title="部長",
                affiliation_id=(pk * ORGANISATIONS_PER_PERSON - 1) % self.n + 1,
                **sourced,
            )
            for pk in range(1, self.n // ORGANISATIONS_PER_PERSON + 1)
        ]
        return self.save(Person, rows)

    def roles_(self, sourced):
        rows = []
        # Every organisation is a member of one council, every other one of a second.
        for organisation in range(1, self.n + 1):
            first = (organisation - 1) % self.councils + 1
            councils = [first]
            if organisation % 2 == 0:
                councils.append((first + self.councils // 2) % self.councils + 1)
            for council in dict.fromkeys(councils):
                rows.append(
                    dict(
                        council_id=council,
                        kind=CouncilRole.Kind.MEMBER,
                        organisation_id=organisation,
                        **sourced,
                    )
                )
        people = self.n // ORGANISATIONS_PER_PERSON
        for council in range(1, self.councils + 1):
            for offset, kind in enumerate(
                [CouncilRole.Kind.HOST, CouncilRole.Kind.CHAIR, CouncilRole.Kind.SECRETARIAT]
            ):
                person = (council * 3 + offset) % people + 1
                rows.append(
                    dict(
                        council_id=council,
                        kind=kind,
                        person_id=person if kind == CouncilRole.Kind.CHAIR else None,
                        organisation_id=(council * 7 + offset) % self.n + 1,
                        title="会長" if kind == CouncilRole.Kind.CHAIR else "",
                        **sourced,
                    )
                )
        return self.save(CouncilRole, rows)

    def events_(self, sourced):
        kinds = list(Event.Kind.values)
        people = self.n // ORGANISATIONS_PER_PERSON
        events, talks = [], []
        for pk in range(1, self.n // ORGANISATIONS_PER_EVENT + 1):
            date = self.day(pk * 13)
            events.append(
                dict(
                    id=pk,
                    council_id=pk % self.councils + 1,
                    kind=kinds[pk % len(kinds)],
                    name=f"合成イベント{pk:06d}",
                    name_en=f"Synthetic event {pk:06d}",
                    date=date,
                    date_printed=f"{date:%Y年%m月%d日}",
                    start_time=datetime.time(13 + pk % 4, 30),
                    venue_organisation_id=pk * 11 % self.n + 1,
                    city="広島市",
                    country=Country.JAPAN,
                    people_attending=50 + pk % 150,
                    description="合成データによるイベント。",
                    **sourced,
                )
            )
            for order in range(1, TALKS_PER_EVENT + 1):
                speaker = (pk * TALKS_PER_EVENT + order) % people + 1
                talks.append(
                    dict(
                        event_id=pk,
                        order=order,
                        name=f"講演{order}",
                        name_en=f"Talk {order}",
                        speaker_id=speaker,
                        speaker_organisation_id=(speaker * ORGANISATIONS_PER_PERSON - 1) % self.n
                        + 1,
                        **sourced,
                    )
                )
        return self.save(Event, events), self.save(Talk, talks)

    def agreements_(self, sourced):
        agreements, parties = [], []
        for pk in range(1, max(1, self.n // ORGANISATIONS_PER_AGREEMENT) + 1):
            agreements.append(
                dict(
                    id=pk,
                    council_id=pk % self.councils + 1,
                    name=f"合成覚書{pk:05d}",
                    name_en=f"Synthetic memorandum {pk:05d}",
                    signed_on=self.day(pk * 29),
                    country=Country.JAPAN,
                    **sourced,
                )
            )
            for order in range(1, PARTIES_PER_AGREEMENT + 1):
                parties.append(
                    dict(
                        agreement_id=pk,
                        order=order,
                        organisation_id=(pk * PARTIES_PER_AGREEMENT + order) % self.n + 1,
                        country=Country.JAPAN,
                        **sourced,
                    )
                )
        self.save(Agreement, agreements)
        self.save(AgreementParty, parties)
        return len(agreements)

    def programmes_(self, sourced):
        kinds = list(Programme.Kind.values)
        programmes, amounts, items = [], [], []
        for pk in range(1, max(1, self.n // ORGANISATIONS_PER_PROGRAMME) + 1):
            programmes.append(
                dict(
                    id=pk,
                    council_id=pk % self.councils + 1,
                    owner_id=pk * 13 % self.n + 1,
                    fiscal_year=2020 + pk % 5,
                    name=f"合成支援制度{pk:05d}",
                    name_en=f"Synthetic programme {pk:05d}",
                    kind=kinds[pk % len(kinds)],
                    **sourced,
                )
            )
            for order in range(1, 3):
                amounts.append(
                    dict(
                        programme_id=pk,
                        order=order,
                        label=f"上限{order}",
                        amount_yen=1_000_000 * order * (1 + pk % 10),
                        unit=ProgrammeAmount.Unit.PER_PROJECT_CAP,
                        **sourced,
                    )
                )
            for order, kind in enumerate(ProgrammeItem.Kind.values, start=1):
                items.append(
                    dict(programme_id=pk, kind=kind, order=order, text=f"条件{order}", **sourced)
                )
        self.save(Programme, programmes)
        self.save(ProgrammeAmount, amounts)
        self.save(ProgrammeItem, items)
        return len(programmes)
