"""The server form: sslmode up to verify-full, a root certificate, Kerberos where libpq has it."""

from __future__ import annotations

from pathlib import Path

import pytest
from psycopg import pq
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, make_url

from inkop_desktop.db.libpq import LibpqFeatures, libpq_features
from inkop_desktop.gui.database_choice import NO_GSSAPI, DatabaseChoice
from inkop_desktop.gui.server_address import uses_kerberos
from inkop_desktop.gui.tasks import TaskRunner

WITH_GSS = LibpqFeatures(gssapi=True, require_auth=True)
WITHOUT_GSS = LibpqFeatures(gssapi=False, require_auth=True)


def _untested(_url: str, _password: str | None) -> str:
    raise AssertionError("no connection test in these tests")


def _form(qtbot: QtBot, tasks: TaskRunner, features: LibpqFeatures | None) -> DatabaseChoice:
    """The server form with host, database and user filled in."""
    form = DatabaseChoice("/tmp/inkop.sqlite", tasks, _untested, None, features)
    qtbot.addWidget(form)
    form.server.setChecked(True)
    form.host.setText("inkop-db.regionsormland.se")
    form.database.setText("inkop")
    form.user.setText("hanna.h")
    return form


def _connect_args(url: str) -> dict[str, object]:
    """What SQLAlchemy hands psycopg (and so libpq) for *url*, without connecting."""
    engine = create_engine(url)
    try:
        _args, kwargs = engine.dialect.create_connect_args(make_url(url))
        return dict(kwargs)
    finally:
        engine.dispose()


def test_verify_full_and_the_root_certificate_reach_libpq(
    qtbot: QtBot, tasks: TaskRunner, tmp_path: Path
) -> None:
    cert = tmp_path / "Region Sörmland" / "root.crt"
    cert.parent.mkdir()
    cert.write_text("-----BEGIN CERTIFICATE-----\n", encoding="ascii")
    form = _form(qtbot, tasks, WITH_GSS)
    form.set_ssl_mode("verify-full")
    form.root_cert.setText(str(cert))
    form.password.setText("hemligt")
    url = form.chosen_url()
    assert url is not None and "hemligt" not in url
    args = _connect_args(url)
    assert args["sslmode"] == "verify-full" and args["sslrootcert"] == str(cert)
    assert "krbsrvname" not in args and form.typed_password() == "hemligt"

    again = _form(qtbot, tasks, WITH_GSS)
    again.fill(url)
    assert again.ssl_mode.currentData() == "verify-full"
    assert again.root_cert.text() == str(cert) and not again.kerberos.isChecked()


def test_a_missing_root_certificate_is_named_before_saving(qtbot: QtBot, tasks: TaskRunner) -> None:
    form = _form(qtbot, tasks, WITH_GSS)
    form.root_cert.setText("/finns/inte/root.crt")
    assert form.missing() == "Rotcertifikatet /finns/inte/root.crt finns inte."


def test_kerberos_sets_the_gss_parameters_and_asks_no_password(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    form = _form(qtbot, tasks, WITH_GSS)
    form.password.setText("hemligt")
    assert form.kerberos.isEnabled()
    form.kerberos.setChecked(True)
    assert not form.password.isEnabled() and not form.remember.isEnabled()
    assert form.typed_password() is None and form.password.text() == ""
    url = form.chosen_url()
    assert url is not None and uses_kerberos(url)
    args = _connect_args(url)
    assert (args["gssencmode"], args["krbsrvname"], args["require_auth"]) == (
        "prefer", "postgres", "gss",
    )  # fmt: skip
    older = _form(qtbot, tasks, LibpqFeatures(gssapi=True, require_auth=False))
    older.kerberos.setChecked(True)
    older_url = older.chosen_url()
    assert older_url is not None and "require_auth" not in _connect_args(older_url)

    again = _form(qtbot, tasks, WITH_GSS)
    again.fill(url)
    assert again.kerberos.isChecked() and not again.password.isEnabled()


def test_without_gssapi_kerberos_is_disabled_and_says_why(qtbot: QtBot, tasks: TaskRunner) -> None:
    form = _form(qtbot, tasks, WITHOUT_GSS)
    assert not form.kerberos.isEnabled() and form.kerberos.toolTip() == NO_GSSAPI
    assert "saknar stöd för Kerberos" in NO_GSSAPI
    kerberos_url = (
        "postgresql+psycopg://hanna.h@db:5432/inkop?sslmode=prefer&gssencmode=prefer"
        "&krbsrvname=postgres"
    )
    form.fill(kerberos_url)
    assert not form.kerberos.isChecked() and form.password.isEnabled()
    url = form.chosen_url()
    assert url is not None and not uses_kerberos(url)


def _options(gssencmode: bytes, require_auth: bool) -> list[pq.ConninfoOption]:
    """A libpq option table as Conninfo.get_defaults gives it."""
    rows = [pq.ConninfoOption(b"gssencmode", b"PGGSSENCMODE", gssencmode, gssencmode,
                              b"GSSENC-Mode", b"", 8)]  # fmt: skip
    if require_auth:
        rows.append(pq.ConninfoOption(b"require_auth", b"PGREQUIREAUTH", None, None,
                                      b"Require-Auth", b"", 14))  # fmt: skip
    return rows


@pytest.mark.parametrize(
    ("compiled", "require_auth", "expected"),
    [
        (b"prefer", True, LibpqFeatures(gssapi=True, require_auth=True)),
        (b"disable", True, LibpqFeatures(gssapi=False, require_auth=True)),
        (b"prefer", False, LibpqFeatures(gssapi=True, require_auth=False)),
    ],
)
def test_gssapi_is_read_from_libpqs_compiled_defaults(
    monkeypatch: pytest.MonkeyPatch, compiled: bytes, require_auth: bool, expected: LibpqFeatures
) -> None:
    monkeypatch.setenv("PGGSSENCMODE", "disable")  # the environment does not decide it
    monkeypatch.setattr(pq.Conninfo, "get_defaults", lambda: _options(compiled, require_auth))
    assert libpq_features() == expected


def test_the_installed_libpq_decides_whether_kerberos_is_offered(
    qtbot: QtBot, tasks: TaskRunner
) -> None:
    compiled = {o.keyword: o.compiled for o in pq.Conninfo.get_defaults()}
    form = _form(qtbot, tasks, None)  # asks the real libpq
    assert form.kerberos.isEnabled() == (compiled.get(b"gssencmode") == b"prefer")
