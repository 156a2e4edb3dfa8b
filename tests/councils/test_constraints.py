"""The database itself refuses impossible membership counts, on every backend."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from councils.models import Council, MembershipSnapshot

NEW_DATE = datetime.date(2024, 6, 30)


def make_snapshot(council, **counts):
    return MembershipSnapshot.objects.create(
        council=council, as_of=NEW_DATE, source=council.source, **counts
    )


@pytest.fixture
def okayama(registry):
    return Council.objects.get(slug="okayama")


@pytest.mark.parametrize("field", ["total", "companies", "education", "government", "other"])
def test_a_negative_count_is_rejected(okayama, field):
    counts = {"total": 10, field: -1}
    with pytest.raises(IntegrityError), transaction.atomic():
        make_snapshot(okayama, **counts)


def test_a_breakdown_larger_than_its_total_is_rejected(okayama):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_snapshot(okayama, total=10, companies=8, education=2, other=1)


def test_a_breakdown_equal_to_its_total_is_accepted(okayama):
    snapshot = make_snapshot(okayama, total=11, companies=8, education=2, other=1)
    assert snapshot.pk


def test_a_second_snapshot_for_the_same_council_and_date_is_rejected(okayama):
    make_snapshot(okayama, total=50)
    with pytest.raises(IntegrityError), transaction.atomic():
        make_snapshot(okayama, total=51)
    assert okayama.snapshots.filter(as_of=NEW_DATE).get().total == 50


@pytest.mark.parametrize("field", MembershipSnapshot.BREAKDOWN_FIELDS)
def test_any_one_category_above_the_total_is_rejected(okayama, field):
    # Writes that skip full_clean() (the shell, bulk_create, update()) meet this check.
    with pytest.raises(IntegrityError), transaction.atomic():
        make_snapshot(okayama, total=10, **{field: 11})
    assert not okayama.snapshots.filter(as_of=NEW_DATE).exists()


def test_two_councils_may_each_have_a_snapshot_on_the_same_date(okayama):
    yamaguchi = Council.objects.get(slug="yamaguchi")
    make_snapshot(yamaguchi, total=40)
    make_snapshot(okayama, total=50)
    assert MembershipSnapshot.objects.filter(as_of=NEW_DATE).count() == 2
