"""Small factories for tests that need more rows than the document has.

Every foreign key is filled, as the document's own records fill theirs, so that a
page that reads a relation it did not join shows up in the query counts. Where a
relation would add a row to the very list under test (a parent organisation, a
council), the rows share one record per test, made on first use (`shared_*`).
"""

import datetime
import itertools

from core.models import Source
from councils.models import ActivityPillar, Council, MembershipSnapshot
from events.models import (
    Agreement,
    AgreementParty,
    Event,
    EventKind,
    Programme,
    ProgrammeAmount,
    ProgrammeItem,
    Talk,
)
from members.models import CouncilRole, Organisation, Person

_numbers = itertools.count(1)


def source():
    """A slide of a test deck, as the document's facts cite theirs."""
    number = next(_numbers)
    deck, _created = Source.objects.get_or_create(
        title="テスト資料", locator="", part_of=None, defaults={"kind": "document"}
    )
    return Source.objects.create(
        kind="document",
        part_of=deck,
        locator=f"スライド{number}",
        position=number,
        title=f"見出し{number}",
        lines="1–2",
    )


def council(**fields):
    number = next(_numbers)
    defaults = {
        "slug": f"council-{number}",
        "name": f"テスト協議会{number}",
        "short_name": f"テスト{number}",
        "kind": Council.Kind.COUNCIL,
        "founded_on": datetime.date(2023, 1, 1),
        "source": source(),
        "aims": "半導体産業の振興",
        "aims_source": source(),
    }
    return Council.objects.create(**{**defaults, **fields})


def shared_council():
    """The council that factory events, agreements and programmes belong to."""
    found = Council.objects.filter(slug="factory-council").first()
    return found or council(slug="factory-council", name="テスト共通協議会", short_name="共通")


def shared_organisation():
    """The parent, employer and venue of factory rows: one organisation per test."""
    found = Organisation.objects.filter(name="テスト共通本部").first()
    return found or Organisation.objects.create(
        name="テスト共通本部",
        sector="government",
        category="administration",
        source=source(),
    )


def organisation(**fields):
    number = next(_numbers)
    defaults = {
        "name": f"テスト団体{number}",
        "sector": "industry",
        "category": "company",
        "source": source(),
    }
    if "parent" not in fields:
        defaults["parent"] = shared_organisation()
    return Organisation.objects.create(**{**defaults, **fields})


def organisations(count, **fields):
    """`count` organisations written in one query, without history rows: for tests that
    need many rows in a list and nothing else of them."""
    defaults = {"sector": "industry", "category": "company"}
    fields.setdefault("source", source())
    fields.setdefault("parent", shared_organisation())
    return Organisation.objects.bulk_create(
        Organisation(name=f"テスト団体{next(_numbers)}", **{**defaults, **fields})
        for _ in range(count)
    )


def person(**fields):
    number = next(_numbers)
    defaults = {"name": f"人物{number}", "source": source()}
    if "affiliation" not in fields:
        defaults["affiliation"] = shared_organisation()
    return Person.objects.create(**{**defaults, **fields})


def role(council, organisation=None, person=None, kind=CouncilRole.Kind.MEMBER):
    return CouncilRole.objects.create(
        council=council,
        organisation=organisation,
        person=person,
        kind=kind,
        seconded_from=shared_organisation() if person else None,
        source=source(),
    )


def pillar(council, order):
    return ActivityPillar.objects.create(
        council=council,
        order=order,
        name=f"事業{order}",
        detail=f"事業{order}の詳細",
        detail_source=source(),
        source=source(),
    )


def snapshot(council, day, total=10, **counts):
    return MembershipSnapshot.objects.create(
        council=council,
        as_of=day,
        total=total,
        corroborating_source=source(),
        source=source(),
        **counts,
    )


def shared_agreement():
    """The agreement that factory events are held under."""
    found = Agreement.objects.filter(name="テスト共通覚書").first()
    return found or Agreement.objects.create(
        name="テスト共通覚書", council=shared_council(), source=source()
    )


def event(**fields):
    number = next(_numbers)
    kinds = fields.pop("kinds", [Event.Kind.STUDY_SESSION])
    defaults = {
        "name": f"勉強会{number}",
        "date": datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        "source": source(),
    }
    for name, make in (
        ("council", shared_council),
        ("venue_organisation", shared_organisation),
        ("agreement", shared_agreement),
    ):
        if name not in fields:
            defaults[name] = make()
    created = Event.objects.create(**{**defaults, **fields})
    # A test that does not ask for the registry starts without the kinds table's rows.
    created.kinds.set([EventKind.objects.get_or_create(code=code)[0] for code in kinds])
    return created


def talk(event, order):
    return Talk.objects.create(
        event=event,
        order=order,
        name=f"講演{order}",
        speaker=person(affiliation=organisation()),
        speaker_organisation=organisation(),
        source=source(),
    )


def agreement(**fields):
    number = next(_numbers)
    defaults = {"name": f"覚書{number}", "signed_on": datetime.date(2024, 2, 1), "source": source()}
    if "council" not in fields:
        defaults["council"] = shared_council()
    return Agreement.objects.create(**{**defaults, **fields})


def party(agreement, order, country="JP"):
    return AgreementParty.objects.create(
        agreement=agreement,
        order=order,
        organisation=organisation(country=country),
        country=country,
        source=source(),
    )


def programme(**fields):
    number = next(_numbers)
    defaults = {
        "name": f"事業{number}",
        "kind": Programme.Kind.SUBSIDY,
        "fiscal_year": 2024,
        "owner": organisation(sector="government", category="administration"),
        "source": source(),
    }
    if "council" not in fields:
        defaults["council"] = shared_council()
    return Programme.objects.create(**{**defaults, **fields})


def amount(programme, order, yen=1_000_000):
    return ProgrammeAmount.objects.create(
        programme=programme,
        order=order,
        label=f"金額{order}",
        amount_yen=yen,
        unit=ProgrammeAmount.Unit.TOTAL_BUDGET,
        source=source(),
    )


def item(programme, order, kind=ProgrammeItem.Kind.MEASURE):
    return ProgrammeItem.objects.create(
        programme=programme, order=order, kind=kind, text=f"項目{order}", source=source()
    )


def next_number():
    """A number no other factory row has used, for unique names."""
    return next(_numbers)
