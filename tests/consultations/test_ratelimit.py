"""The rate counters' purge (consultations/intake/ratelimit.py): drawn for one submission in
PURGE_ONE_IN, it deletes the counters of windows older than a day and nothing newer."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consultations.intake import ratelimit
from consultations.models import RateCounter

pytestmark = pytest.mark.django_db


def test_it_draws_the_purge_for_about_one_submission_in_purge_one_in():
    draws = sum(ratelimit.purge_due() for _ in range(20 * ratelimit.PURGE_ONE_IN))
    assert 2 <= draws <= 45  # 20 expected; outside it about once in two million runs


def test_a_drawn_purge_deletes_the_counters_of_windows_older_than_a_day_only(monkeypatch):
    now = timezone.now()
    RateCounter.objects.create(key="user:1:3600", window_start=now - timedelta(days=2), count=7)
    RateCounter.objects.create(key="user:1:60", window_start=now - timedelta(hours=23), count=3)
    monkeypatch.setattr(ratelimit, "purge_due", lambda: True)
    assert ratelimit.hit({"account": "user:1"}, now).allowed
    kept = set(RateCounter.objects.values_list("key", "count"))
    assert ("user:1:3600", 7) not in kept and ("user:1:60", 3) in kept
    assert {key for key, count in kept if count == 1} == {"user:1:60", "user:1:3600"}  # this submission's


def test_without_a_drawn_purge_old_counters_stay(monkeypatch):
    now = timezone.now()
    RateCounter.objects.create(key="user:1:3600", window_start=now - timedelta(days=2), count=7)
    monkeypatch.setattr(ratelimit, "purge_due", lambda: False)
    ratelimit.hit({"account": "user:1"}, now)
    assert RateCounter.objects.filter(key="user:1:3600", count=7).exists()
