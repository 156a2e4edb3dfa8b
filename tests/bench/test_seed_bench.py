import pytest
from django.core.management import CommandError, call_command
from django.http import QueryDict

from core.models import Source
from councils.models import Council, MembershipSnapshot
from events.models import Event, Talk
from members.models import CouncilRole, Organisation, Person
from members.selectors import organisation_list
from tools.bench.management.commands.seed_bench import SYNTHETIC_DOCUMENT, Command


def seed(*args):
    call_command(Command(), *args, stdout=None)


@pytest.mark.django_db
def test_seed_writes_the_requested_organisations_with_proportionate_records():
    seed("1k")

    assert Organisation.objects.count() == 1000
    assert Council.objects.count() == 5
    assert Person.objects.count() == 500
    assert CouncilRole.objects.filter(kind=CouncilRole.Kind.MEMBER).count() == 1500
    assert Event.objects.count() == 50
    assert Talk.objects.count() == 150
    assert MembershipSnapshot.objects.count() == 15
    assert set(Source.objects.values_list("title", flat=True)) == {SYNTHETIC_DOCUMENT}


@pytest.mark.django_db
def test_seed_is_deterministic():
    seed("200")
    first = list(Organisation.objects.order_by("pk").values_list("name", "sector", "prefecture"))
    seed("200", "--replace")
    second = list(Organisation.objects.order_by("pk").values_list("name", "sector", "prefecture"))

    assert first == second


@pytest.mark.django_db
def test_seeded_data_answers_the_benchmarked_filter():
    seed("1k")

    rows = organisation_list(filters=QueryDict("prefecture=hiroshima&sector=industry"))

    assert 50 < rows.count() < 1000
    assert {row.sector for row in rows} == {"industry"}


@pytest.mark.django_db
def test_new_records_after_seeding_get_fresh_primary_keys():
    seed("100")

    added = Organisation.objects.create(
        name="追加", sector="industry", category="company", source=Source.objects.get()
    )

    assert added.pk == 101


def test_seed_refuses_the_real_registry(registry):
    with pytest.raises(CommandError, match="real registry records"):
        seed("100")
    assert not Organisation.objects.filter(name__startswith="合成").exists()


@pytest.mark.django_db
def test_seed_refuses_to_write_twice_without_replace():
    seed("100")

    with pytest.raises(CommandError, match="--replace"):
        seed("100")


@pytest.mark.parametrize("size", ["many", "1kk", "5", "2000k"])
def test_seed_refuses_a_size_it_cannot_read(size):
    with pytest.raises(CommandError, match="size"):
        seed(size)
