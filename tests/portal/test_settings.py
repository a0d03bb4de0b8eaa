"""Settings read from the environment fail loudly, and production refuses to start unsafe."""

import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.env import env, env_bool, env_int, env_list
from tests.corpus import REPO

START = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"


def start(settings_module: str, **variables: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "ALLOWED_HOSTS", "SECRET_KEY_FILE"}}
    environment.update(DJANGO_SETTINGS_MODULE=settings_module, **variables)
    return subprocess.run(
        [sys.executable, "-c", START], cwd=REPO, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    started = start("portal.settings.production", ALLOWED_HOSTS="portal.example.gov.vn")
    assert started.returncode != 0
    assert "SECRET_KEY must be set" in started.stderr


def test_production_refuses_to_start_without_its_host_names():
    started = start("portal.settings.production", SECRET_KEY="k" * 50)
    assert started.returncode != 0
    assert "ALLOWED_HOSTS" in started.stderr


def test_production_starts_with_a_secret_key_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("s" * 50 + "\n", encoding="utf-8")
    started = start("portal.settings.production", SECRET_KEY_FILE=str(secret), ALLOWED_HOSTS="a.gov.vn, b.gov.vn")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == "False ['a.gov.vn', 'b.gov.vn']"


def test_env_reads_a_value_or_the_file_named_by_name_file(monkeypatch, tmp_path):
    monkeypatch.setenv("PORTAL_TEST_VALUE", "plain")
    assert env("PORTAL_TEST_VALUE") == "plain"
    (tmp_path / "value").write_text("from a file\n", encoding="utf-8")
    monkeypatch.setenv("PORTAL_TEST_VALUE_FILE", str(tmp_path / "value"))
    assert env("PORTAL_TEST_VALUE") == "from a file"
    assert env("PORTAL_TEST_MISSING", "default") == "default"


@pytest.mark.parametrize(
    "helper, value",
    [(env_int, "ten"), (env_int, "1.5"), (env_bool, "maybe"), (env_bool, "2")],
)
def test_env_helpers_fail_loudly_on_a_bad_value_and_name_it(monkeypatch, helper, value):
    monkeypatch.setenv("PORTAL_TEST_SETTING", value)
    with pytest.raises(ImproperlyConfigured, match=r"PORTAL_TEST_SETTING.*" + value.replace(".", r"\.")):
        helper("PORTAL_TEST_SETTING", 1)


def test_env_helpers_read_good_values_and_fall_back_to_the_default(monkeypatch):
    monkeypatch.setenv("PORTAL_TEST_INT", " 42 ")
    monkeypatch.setenv("PORTAL_TEST_BOOL", "Yes")
    monkeypatch.setenv("PORTAL_TEST_LIST", "a.gov.vn, ,b.gov.vn")
    monkeypatch.setenv("PORTAL_TEST_EMPTY", "")
    assert env_int("PORTAL_TEST_INT", 1) == 42
    assert env_bool("PORTAL_TEST_BOOL", False) is True
    assert env_list("PORTAL_TEST_LIST", []) == ["a.gov.vn", "b.gov.vn"]
    assert env_int("PORTAL_TEST_EMPTY", 7) == 7 and env_list("PORTAL_TEST_EMPTY", ["x"]) == ["x"]


def test_sqlite_gets_wal_immediate_transactions_and_a_busy_timeout():
    code = START.replace("settings.DEBUG, settings.ALLOWED_HOSTS", "settings.DATABASES['default']['OPTIONS']")
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": "sqlite:///x.db"}
    environment["SQLITE_BUSY_TIMEOUT"] = "12"
    shown = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=environment, capture_output=True, text=True)
    assert shown.returncode == 0, shown.stderr
    assert "'timeout': 12" in shown.stdout and "'transaction_mode': 'IMMEDIATE'" in shown.stdout
    assert "journal_mode=WAL" in shown.stdout
