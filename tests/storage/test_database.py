"""The connection settings, the transaction helper and the migration runner."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from app.storage import database


def test_connect_settings_and_private_files(tmp_path: Path) -> None:
    path = tmp_path / "h.sqlite3"
    conn = database.connect(path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == database.BUSY_TIMEOUT_MS
        assert conn.isolation_level is None
        conn.execute("CREATE TABLE t (x)")
        for file in (path, *database.sidecar_files(path)[:2]):
            assert file.exists(), file
            assert file.stat().st_mode & 0o777 == 0o600, file
    finally:
        conn.close()


def test_transaction_commits_or_rolls_back(tmp_path: Path) -> None:
    conn = database.connect(tmp_path / "h.sqlite3")
    conn.execute("CREATE TABLE t (x)")
    with database.transaction(conn):
        conn.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(RuntimeError), database.transaction(conn):
        conn.execute("INSERT INTO t VALUES (2)")
        raise RuntimeError("halfway")
    assert not conn.in_transaction
    assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]
    conn.close()


def test_migrations_are_numbered_in_order() -> None:
    assert [m.version for m in database.MIGRATIONS] == list(range(1, database.CURRENT_VERSION + 1))
    assert database.CURRENT_VERSION >= 2


@pytest.mark.parametrize("start", range(database.CURRENT_VERSION + 1))
def test_every_version_migrates_to_the_same_schema(tmp_path: Path, start: int) -> None:
    fresh = database.connect(tmp_path / "fresh.sqlite3")
    assert database.migrate(fresh) == list(range(1, database.CURRENT_VERSION + 1))
    old = database.connect(tmp_path / "old.sqlite3")
    database.migrate(old, target=start)
    assert database.user_version(old) == start
    assert database.migrate(old) == list(range(start + 1, database.CURRENT_VERSION + 1))
    assert database.user_version(old) == database.CURRENT_VERSION
    assert _schema(old) == _schema(fresh)
    assert database.migrate(old) == []  # nothing left to do
    fresh.close()
    old.close()


def _schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return sorted(
        (name, " ".join(sql.split()))
        for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    )


def test_a_failing_migration_leaves_the_previous_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = database.connect(tmp_path / "h.sqlite3")
    database.migrate(conn, target=1)
    broken = database.Migration(
        2,
        "broken",
        ("CREATE TABLE half_done (x)", "THIS IS NOT SQL"),
    )
    monkeypatch.setattr(database, "MIGRATIONS", [database.MIGRATIONS[0], broken])
    with pytest.raises(sqlite3.OperationalError):
        database.migrate(conn, target=2)
    assert database.user_version(conn) == 1
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    assert "half_done" not in tables
    conn.close()


def test_epoch_us_is_exact() -> None:
    offset = timezone(timedelta(hours=-7))
    moment = datetime(2026, 5, 1, 8, 30, 0, 123456, tzinfo=offset)
    assert database.epoch_us(moment) == int(moment.timestamp()) * 1_000_000 + 123456
    assert database.epoch_us(datetime(1970, 1, 1, tzinfo=UTC)) == 0
