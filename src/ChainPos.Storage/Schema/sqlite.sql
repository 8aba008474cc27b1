-- ChainPos schema for SQLite (embedded single-node default): Orleans ADO.NET grain state and reminders.
-- Own SQL, written against the Orleans 10.4.2 ADO.NET query contract (shared/design/orleans/ORLEANS-10-NOTES.md
-- sections 1 and 10), derived from the verified sqlite-reference-schema.sql. No clustering tables: a SQLite
-- node uses localhost clustering.
--
-- Idempotent: SchemaMigrator applies this whole file at every start-up in one transaction (after setting
-- journal_mode=WAL, which cannot change inside a transaction), so everything is IF NOT EXISTS and the
-- OrleansQuery rows are INSERT OR REPLACE. Orleans' invariant for this file is "System.Data.SQLite"
-- (it loads Microsoft.Data.Sqlite). Schema version 3 (2 added pos_grain_entry_gc;
-- 3 changes no table: a register's pending effects became entry rows, which an older build would not see).

CREATE TABLE IF NOT EXISTS pos_schema_version (
  version         INTEGER NOT NULL PRIMARY KEY,
  applied_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  last_applied_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);

CREATE TABLE IF NOT EXISTS OrleansQuery (
  QueryKey  TEXT NOT NULL PRIMARY KEY,
  QueryText TEXT NOT NULL
) WITHOUT ROWID;

-- grain state ------------------------------------------------------------
CREATE TABLE IF NOT EXISTS pos_grain_state (
  service_id      TEXT    NOT NULL,
  grain_type_hash INTEGER NOT NULL,
  grain_id_hash   INTEGER NOT NULL,
  grain_id_n0     INTEGER NOT NULL,
  grain_id_n1     INTEGER NOT NULL,
  state_name      TEXT    NOT NULL,   -- GrainTypeString = [PersistentState("name")]
  grain_key_ext   TEXT,               -- GrainIdExtensionString (NULL for plain int/guid keys)
  payload         BLOB,               -- NULL = cleared
  version         INTEGER NOT NULL,
  modified_at     TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
);
-- SQLite treats NULLs as distinct in UNIQUE, so key on (ext IS NULL, ifnull(ext,'')).
CREATE UNIQUE INDEX IF NOT EXISTS ux_pos_grain_state ON pos_grain_state (
  grain_id_hash, grain_type_hash, service_id, grain_id_n0, grain_id_n1, state_name,
  grain_key_ext IS NULL, ifnull(grain_key_ext, ''));

-- grain state of the group-commit provider (ChainPosStorageOptions.GroupCommit) ------------------------
-- Keyed by the state name and the full GrainId text (type/key); version is the ETag; payload NULL = cleared
-- (the row stays so ETags stay monotonic). Written only by our code, not through OrleansQuery.
CREATE TABLE IF NOT EXISTS pos_grain_state_gc (
  service_id  TEXT    NOT NULL,
  state_name  TEXT    NOT NULL,
  grain_id    TEXT    NOT NULL,
  payload     BLOB,
  version     INTEGER NOT NULL,
  modified_at TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (service_id, state_name, grain_id)
);

-- version 2: entry rows of a grain state's LedgerMap, written with their state row in one transaction
CREATE TABLE IF NOT EXISTS pos_grain_entry_gc (
  service_id  TEXT NOT NULL,
  state_name  TEXT NOT NULL,
  grain_id    TEXT NOT NULL,
  entry_key   TEXT NOT NULL,
  payload     BLOB NOT NULL,
  PRIMARY KEY (service_id, state_name, grain_id, entry_key)
);

-- reminders --------------------------------------------------------------
CREATE TABLE IF NOT EXISTS pos_reminder (
  service_id    TEXT    NOT NULL,
  grain_id      TEXT    NOT NULL,
  reminder_name TEXT    NOT NULL,
  start_time    TEXT    NOT NULL,     -- UTC, as Microsoft.Data.Sqlite binds DateTime
  period_ms     INTEGER NOT NULL,
  grain_hash    INTEGER NOT NULL,     -- uint reinterpreted as signed int
  version       INTEGER NOT NULL,
  PRIMARY KEY (service_id, grain_id, reminder_name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ix_pos_reminder_hash ON pos_reminder (service_id, grain_hash);

-- queries ----------------------------------------------------------------
INSERT OR REPLACE INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey',
'SELECT payload AS PayloadBinary, version AS Version
   FROM pos_grain_state
  WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
    AND grain_key_ext IS @GrainIdExtensionString;'),

-- Two statements, mutually exclusive on @GrainStateVersion; each is atomic on its own
-- (an SQLite write statement holds the write lock for its whole run).
-- Exactly one row comes back on success, zero rows on conflict -> InconsistentStateException.
('WriteToStorageKey',
'UPDATE pos_grain_state
    SET payload = @PayloadBinary, version = version + 1,
        modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'',''now'')
  WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
    AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
    AND grain_key_ext IS @GrainIdExtensionString
 RETURNING version AS NewGrainStateVersion;
 INSERT INTO pos_grain_state (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1,
                              state_name, grain_key_ext, payload, version)
 SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1,
        @GrainTypeString, @GrainIdExtensionString, @PayloadBinary, 1
  WHERE @GrainStateVersion IS NULL
    AND NOT EXISTS (SELECT 1 FROM pos_grain_state
                     WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
                       AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
                       AND grain_key_ext IS @GrainIdExtensionString)
 RETURNING version AS NewGrainStateVersion;'),

('ClearStorageKey',
'UPDATE pos_grain_state
    SET payload = NULL, version = version + 1,
        modified_at = strftime(''%Y-%m-%dT%H:%M:%fZ'',''now'')
  WHERE version = @GrainStateVersion
    AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
    AND grain_key_ext IS @GrainIdExtensionString
 RETURNING version AS NewGrainStateVersion;'),

('DeleteStorageKey',
'DELETE FROM pos_grain_state
  WHERE version = @GrainStateVersion
    AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash AND service_id = @ServiceId
    AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
    AND grain_key_ext IS @GrainIdExtensionString
 RETURNING version + 1 AS NewGrainStateVersion;'),

('UpsertReminderRowKey',
'INSERT INTO pos_reminder (service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
 VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
 ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
    SET start_time = excluded.start_time, period_ms = excluded.period_ms,
        grain_hash = excluded.grain_hash, version = pos_reminder.version + 1
 RETURNING version AS Version;'),

('ReadReminderRowsKey',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
        period_ms AS Period, version AS Version
   FROM pos_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId;'),

('ReadReminderRowKey',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
        period_ms AS Period, version AS Version
   FROM pos_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;'),

('ReadRangeRows1Key',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
        period_ms AS Period, version AS Version
   FROM pos_reminder WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;'),

('ReadRangeRows2Key',
'SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
        period_ms AS Period, version AS Version
   FROM pos_reminder WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);'),

-- Must return exactly one row with one column (bool); changes() is per connection,
-- and Orleans runs both statements on the same connection.
('DeleteReminderRowKey',
'DELETE FROM pos_reminder
  WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName AND version = @Version;
 SELECT changes() AS Deleted;'),

('DeleteReminderRowsKey',
'DELETE FROM pos_reminder WHERE service_id = @ServiceId;');

INSERT INTO pos_schema_version (version) VALUES (3)
ON CONFLICT (version) DO UPDATE SET last_applied_at = strftime('%Y-%m-%dT%H:%M:%fZ','now');
