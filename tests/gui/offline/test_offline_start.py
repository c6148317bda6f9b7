"""The window when the server cannot be reached: the person's replica opens, and says so."""

from __future__ import annotations

import socket

from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from inkop_desktop.db.offline.replica import open_replica
from inkop_desktop.db.tables import Person, PersonRole, Supplier
from inkop_desktop.domain.organisation import Role
from inkop_desktop.gui.offline import status_text
from inkop_desktop.services.offline import OfflineStatus, replica_path
from inkop_desktop.settings import data_dir
from tests.gui.waits import FIRST_START_MS


def _closed_port() -> int:
    """A loopback port nothing listens on (free a moment ago)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_the_status_text_names_the_mode_the_waiting_changes_and_the_conflicts() -> None:
    status = OfflineStatus(waiting=3, aside=0, conflicts=1, last_sync="", change_number=0)
    assert status_text(False, status) == (
        "OFFLINE – du arbetar i den lokala kopian · 1 konflikt att lösa · "
        "3 ändringar väntar · senast synkroniserad aldrig"
    )
    assert status_text(True, None) == "Online"


def test_an_unreachable_server_opens_the_replica_offline(qtbot: QtBot) -> None:
    from inkop_desktop.startup import Startup

    url = f"postgresql+psycopg://karin.oberg@127.0.0.1:{_closed_port()}/inkop"
    replica = open_replica(replica_path(data_dir(), url, "karin.oberg"))
    with Session(replica) as s, s.begin():
        me = Person(version=1, name="Karin Öberg", login="karin.oberg")
        s.add(me)
        s.flush()
        s.add_all(PersonRole(version=1, person_id=me.id, role=r.value) for r in Role)
        s.add(Supplier(version=1, name="Kontorsvaror AB", name_key="KONTORSVAROR AB",
                       orgnr="556036-0793", vat_number="SE556036079301"))  # fmt: skip
    replica.dispose()
    startup = Startup(demo=False, database=url, view="leverantorer", screenshot=None)
    qtbot.addWidget(startup.window)
    with qtbot.waitSignal(startup.window.view_loaded, timeout=FIRST_START_MS):
        startup.begin()
    assert startup.offline
    assert startup.window.database_label.text() == "Offline – lokal kopia"
    page = startup.window.show_view("leverantorer")
    qtbot.waitUntil(lambda: page.has_loaded, timeout=10000)
    assert page.model.rowCount() == 1  # the replica's supplier
    startup.tasks.wait_idle()  # the first synchronisation tried the server and waits
    label = startup.offline_sync.label if startup.offline_sync else None
    assert label is not None and label.text().startswith("OFFLINE – du arbetar i den lokala")
    qtbot.waitUntil(lambda: "0 ändringar väntar" in label.text(), timeout=10000)  # delivered
    startup.window.close()
