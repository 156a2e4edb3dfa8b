"""Small factories for tests that need more rows than the document has."""

import datetime
import itertools

from core.models import Source
from councils.models import ActivityPillar, Council, MembershipSnapshot
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

_numbers = itertools.count(1)


def source():
    number = next(_numbers)
    return Source.objects.create(
        document="テスト資料", slide=number, heading=f"見出し{number}", lines="1–2"
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
    }
    return Council.objects.create(**{**defaults, **fields})


def organisation(**fields):
    number = next(_numbers)
    defaults = {
        "name": f"テスト団体{number}",
        "sector": "industry",
        "category": "company",
        "source": source(),
    }
    return Organisation.objects.create(**{**defaults, **fields})


def person(**fields):
    number = next(_numbers)
    return Person.objects.create(**{"name": f"人物{number}", "source": source(), **fields})


def role(council, organisation=None, person=None, kind=CouncilRole.Kind.MEMBER):
    return CouncilRole.objects.create(
        council=council, organisation=organisation, person=person, kind=kind, source=source()
    )


def pillar(council, order):
    return ActivityPillar.objects.create(
        council=council, order=order, name=f"事業{order}", source=source()
    )


def snapshot(council, day, total=10, **counts):
    return MembershipSnapshot.objects.create(
        council=council, as_of=day, total=total, source=source(), **counts
    )


def event(**fields):
    number = next(_numbers)
    defaults = {
        "kind": Event.Kind.STUDY_SESSION,
        "name": f"勉強会{number}",
        "date": datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
        "source": source(),
    }
    return Event.objects.create(**{**defaults, **fields})


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
