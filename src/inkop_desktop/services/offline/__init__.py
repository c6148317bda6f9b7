"""Offline drafting: a local replica, an outbox, and an idempotent synchronisation with the server.

**Replicated, and filtered.** While connected the app keeps a SQLite replica (user data
folder, migrated to the Alembic head) of what the person may read and needs offline: every
table of the schema except the audit trail, file contents (``attachment``: a quote's PDF),
the number series and the server's operation record (``db.offline.pull.NOT_COPIED``). On top
of the server's row security the pull filters (``pull.FILTERS``): quotes only of signed
decisions (OSL 19 kap. 3 §: before the decision they stay on the server), jäv declarations
(and their interests and assessments) only the person's own, direct-award drafts only those
the person registered, requests, decides or is on the roster of.

**Change number.** The id of the server's newest audit entry (``audit_entry.id``, drawn at
commit under the chain lock, so in commit order). The first pull copies everything and
stores that number; later pulls read ``(table_name, row_id)`` of the entries after it, read
those rows again and delete those the server no longer has or shows (deletes travel as the
trail's tombstones). A pull never touches a row an unsent operation changes.

**Outbox row** (``db.offline.local.OUTBOX``, written by a session hook on the replica's
sessions in the same SQLite transaction as the draft, ``db.offline.capture``): operation id
(UUID4), entity (the aggregate root's table, ``db.aggregates``), row id, base version (the
root's version the edit started from; NULL for a create), payload ``{"kind": "upsert" |
"delete", "rows": [{"table", "id", "action": insert|update|delete, "new", "old"}]}`` (the
root's and its children's changed rows; an update carries old and new values of the changed
fields), schema version (the Alembic revision of the writer), created at. One operation per
aggregate and local transaction; operations are sent in order.

**Server function** ``inkop_offline_apply(op, entity, root, base, schema, changes)``
(migration 0014, PL/pgSQL, SECURITY INVOKER: grants and row security apply as to any write).
In the caller's transaction it inserts ``op`` into ``offline_operation``; if the id is already
there it returns the stored outcome and changes nothing (at most once, also for two clients
sending at the same moment: the primary key serialises them). Otherwise it locks the root and
decides, applies, bumps the root's version by exactly one and stores the outcome with the
operation, all in one commit. It returns ``{"outcome", "version", "reason", "fields",
"message"}``. Client and server clocks play no part: only versions decide, and the server
stamps created/updated at and by itself.

**Outcomes per case** (none silent: every answer is recorded in ``offline_result``, every
non-applied one becomes a conflict the user sees, with both versions field by field):

- base = current: ``applied``, new version = base + 1.
- update/update, different fields (base ≠ current, each field the op changes still has its
  old value on the server, or already the new one): ``merged``, reported as such.
- update/update, same field changed to different values: conflict ``both_changed`` with the
  field names; the server keeps its version; the user chooses per field or merges (a new
  operation on the server's version).
- update/delete (the server deleted it): conflict ``deleted_on_server``; delete/update (the
  server changed what the user deleted): conflict ``changed_on_server``.
- delete/delete: ``already_deleted`` (nothing left to do; reported).
- create/create with the same natural key (a unique constraint): conflict ``duplicate``;
  the local row is kept in the conflict and removed from the replica, the server's comes in.
- refused by the server's rules (grants, row security, triggers, check constraints):
  ``refused`` with the server's message, kept as a conflict.

**Whole-record choices** (``services.offline.choices``, the conflicts view's buttons): after
``deleted_on_server`` *Återskapa mitt utkast* (created again from the snapshot of the local
rows taken when the server answered, version 1) or *Släpp mitt*; after ``duplicate`` *Använd
serverns post* (the rows added under one's own record go under the server's record with the
same key) or *Behåll mitt med ändrad nyckel* (a single-field unique key); after ``refused``
(the server's Swedish reason shown) *Kasta mitt* or *Lägg åt sidan*. Dropping asks first.
Every choice is recorded in the replica (``offline_choice``); what a choice changes travels
as a new operation and is audited on the server like any other.

**Numbers** (``services.offline.numbers``): a plan item, behovsanmälan or direct-award record
created offline carries a provisional label (``Offline-1`` …, ``services.numbering``); in the
server transaction that applies the create the label is replaced by the series' next number
(a resend after a kill, already recorded, takes none), and the pull brings it to the replica.
So two people creating offline never collide on a number; a clash on a real natural key (a
supplier's orgnr) stays a ``duplicate``.

**Role changes**: the reader's reach (roles and units today, the login's group roles) is
stored with the replica; when it changed, the next pull is a whole one, and tables the login
may no longer read are emptied (rows with an unsent operation stay until it is answered; the
server refuses what the login may no longer write: a ``refused`` conflict).

**Schema versions** (``db.offline.schema``): before sending, an operation written at an older
revision is brought up step by step (a step per later revision, identity where nothing an
offline operation writes changed); one from an unknown revision is kept aside in the outbox
with a Swedish message, never sent and never dropped.

**Kills.** Sending and recording are two commits on two databases; the gap between them
(server committed, client not yet recorded) is closed by the operation id: after a restart
the same operation is sent again and answered from ``offline_operation``. Measured with
``benchmarks/bench_offline.py`` (1 000 operations, 200 random points: 80 kills right after
the server's commit, 80 SIGKILLs at random moments, 40 connections cut mid-transaction; a
2-core machine under load 10): 1 000 applied, 0 duplicated, 0 lost, outbox empty, server and
replica agree, 165 s. CI runs the same with 12 kills and 4 cuts (``test_kill_during_sync``).

**Offline mode** (``services.connection.connect_offline``): the services run on the replica
with ``ServiceContext.offline``; only the drafting acts of ``domain.offline.OFFLINE_ACTS``
are allowed, the rest is refused in Swedish (``NeedsServerError``) before anything changes.

**Mid-session** (``services.offline.switch``): the window's services share one context; when a
service call finds the server gone (``ConnectionFailedError``), ``ServiceContext.lost`` points
the context at the replica and the same call runs again there, so a typed save becomes an
offline change with its outbox row (never lost; a final act is refused in Swedish). While
offline by failure the window probes the server in the background; when it answers, it
synchronises and points the context back at the server. *Arbeta offline* switches on demand.
"""

from inkop_desktop.services.offline.link import OfflineLink
from inkop_desktop.services.offline.mode import open_replica, replica_path
from inkop_desktop.services.offline.switch import ConnectionSwitch, Mode
from inkop_desktop.services.offline.sync import Conflict, OfflineStatus, Synchroniser, SyncReport

__all__ = [
    "Conflict",
    "ConnectionSwitch",
    "Mode",
    "OfflineLink",
    "OfflineStatus",
    "SyncReport",
    "Synchroniser",
    "open_replica",
    "replica_path",
]
