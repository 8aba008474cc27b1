-- ChainPos schema for PostgreSQL 15+: Orleans ADO.NET clustering, grain state and reminders.
-- Own SQL, written against the Orleans 10.4.2 ADO.NET query contract (shared/design/orleans/ORLEANS-10-NOTES.md
-- section 1), derived from the verified postgres-reference-schema.sql.
--
-- Idempotent: SchemaMigrator applies this whole file at every start-up, in one transaction, under
-- pg_advisory_xact_lock, so tables and indexes use IF NOT EXISTS and the OrleansQuery rows are upserted.
-- Only the OrleansQuery table/column names are fixed by Orleans; every other name is ours.
-- Schema version 3 (2 added pos_grain_entry_gc; 3 changes no table: from 3 on, a register's pending effects are entry
-- rows, which an older build would not see, so it must not start). A later version adds its own idempotent steps and bumps
-- pos_schema_version; a build refuses to start against a newer version than its own.

CREATE TABLE IF NOT EXISTS pos_schema_version (
  version int PRIMARY KEY,
  applied_at timestamptz NOT NULL DEFAULT now(),
  last_applied_at timestamptz NOT NULL DEFAULT now());

CREATE TABLE IF NOT EXISTS OrleansQuery (QueryKey varchar(64) PRIMARY KEY, QueryText text NOT NULL);

-- clustering (@DeploymentId = ClusterOptions.ClusterId); the version row is the compare-and-swap anchor
CREATE TABLE IF NOT EXISTS pos_cluster_version (
  deployment_id text PRIMARY KEY,
  version int NOT NULL DEFAULT 0,
  changed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS pos_cluster_member (
  deployment_id text NOT NULL REFERENCES pos_cluster_version(deployment_id),
  address text NOT NULL, port int NOT NULL, generation int NOT NULL,
  silo_name text NOT NULL, host_name text NOT NULL, status int NOT NULL,
  proxy_port int, suspect_times text,
  start_time timestamptz NOT NULL, i_am_alive_time timestamptz NOT NULL,
  PRIMARY KEY (deployment_id, address, port, generation));

-- grain state: the hashes are not unique, so the key is all seven identity columns;
-- NULLS NOT DISTINCT makes the NULL key extension (integer/guid keys) collide too, which keeps
-- the first-write race (INSERT ... ON CONFLICT DO NOTHING) safe.
CREATE TABLE IF NOT EXISTS pos_grain_state (
  service_id text NOT NULL, grain_type_hash int NOT NULL, grain_id_hash int NOT NULL,
  grain_id_n0 bigint NOT NULL, grain_id_n1 bigint NOT NULL,
  state_name text NOT NULL, grain_key_ext text,
  payload bytea, version int NOT NULL, modified_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uq_pos_grain_state UNIQUE NULLS NOT DISTINCT
    (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, state_name, grain_key_ext));

-- grain state of the group-commit provider (ChainPosStorageOptions.GroupCommit): keyed by the state name and
-- the full GrainId text (type/key), so no hashes and no collisions between grain classes. version is the ETag;
-- payload NULL = cleared (the row stays so ETags stay monotonic). fillfactor leaves room for HOT updates
-- (the key never changes, so an update touches no index). Written only by our code, not through OrleansQuery.
CREATE TABLE IF NOT EXISTS pos_grain_state_gc (
  service_id text NOT NULL, state_name text NOT NULL, grain_id text NOT NULL,
  payload bytea, version int NOT NULL, modified_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (service_id, state_name, grain_id)) WITH (fillfactor = 80);

-- version 2: entry rows of a grain state's LedgerMap (e.g. a stock row's live web reservations), written by the
-- group-commit provider in the same statement as their state row, only the entries that changed
CREATE TABLE IF NOT EXISTS pos_grain_entry_gc (
  service_id text NOT NULL, state_name text NOT NULL, grain_id text NOT NULL, entry_key text NOT NULL,
  payload bytea NOT NULL,
  PRIMARY KEY (service_id, state_name, grain_id, entry_key));

-- Payloads over ~2 KB (a register's row, a busy SKU's availability) are compressed on every write. The default, pglz,
-- was a tenth of the server's CPU in a chain-day run (perf); lz4 costs a fraction of that. It applies to values
-- written from then on (older ones stay readable as they are), and is not a schema version: any build reads both.
-- Changed only when it differs, so a start-up takes no table lock; skipped on a server built without lz4.
DO $lz4$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute
             WHERE attrelid IN ('pos_grain_state_gc'::regclass, 'pos_grain_entry_gc'::regclass)
               AND attname = 'payload' AND attcompression IS DISTINCT FROM 'l') THEN
    ALTER TABLE pos_grain_state_gc ALTER COLUMN payload SET COMPRESSION lz4;
    ALTER TABLE pos_grain_entry_gc ALTER COLUMN payload SET COMPRESSION lz4;
  END IF;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: grain payloads stay compressed with pglz';
END
$lz4$;

-- reminders (Period in milliseconds; GrainHash is a uint reinterpreted as a signed int)
CREATE TABLE IF NOT EXISTS pos_reminder (
  service_id text NOT NULL, grain_id text NOT NULL, reminder_name text NOT NULL,
  start_time timestamptz NOT NULL, period_ms bigint NOT NULL, grain_hash int NOT NULL, version int NOT NULL,
  PRIMARY KEY (service_id, grain_id, reminder_name));
CREATE INDEX IF NOT EXISTS ix_pos_reminder_hash ON pos_reminder(service_id, grain_hash);

-- queries: upserted, so a changed query text replaces the stored one at the next start-up

INSERT INTO OrleansQuery(QueryKey, QueryText) VALUES
('InsertMembershipVersionKey',
 $q$WITH i AS (INSERT INTO pos_cluster_version(deployment_id) VALUES (@DeploymentId) ON CONFLICT DO NOTHING RETURNING 1)
    SELECT count(*)::int FROM i$q$),
('MembershipReadAllKey',
 $q$SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM pos_cluster_version v LEFT JOIN pos_cluster_member m ON m.deployment_id = v.deployment_id
    WHERE v.deployment_id = @DeploymentId$q$),
('MembershipReadRowKey',
 $q$SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
           m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
           m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
    FROM pos_cluster_version v LEFT JOIN pos_cluster_member m ON m.deployment_id = v.deployment_id
         AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deployment_id = @DeploymentId$q$),
('InsertMembershipKey',
 $q$WITH v AS (SELECT 1 FROM pos_cluster_version WHERE deployment_id = @DeploymentId AND version = @Version FOR UPDATE),
         i AS (INSERT INTO pos_cluster_member(deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
               SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime FROM v
               ON CONFLICT DO NOTHING RETURNING 1),
         b AS (UPDATE pos_cluster_version SET version = version + 1, changed_at = now()
               WHERE deployment_id = @DeploymentId AND EXISTS (SELECT 1 FROM i) RETURNING 1)
    SELECT count(*)::int FROM b$q$),
('UpdateMembershipKey',
 $q$WITH v AS (SELECT 1 FROM pos_cluster_version WHERE deployment_id = @DeploymentId AND version = @Version FOR UPDATE),
         u AS (UPDATE pos_cluster_member SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
               WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
                 AND EXISTS (SELECT 1 FROM v) RETURNING 1),
         b AS (UPDATE pos_cluster_version SET version = version + 1, changed_at = now()
               WHERE deployment_id = @DeploymentId AND EXISTS (SELECT 1 FROM u) RETURNING 1)
    SELECT count(*)::int FROM b$q$),
('UpdateIAmAlivetimeKey',
 $q$UPDATE pos_cluster_member SET i_am_alive_time = @IAmAliveTime
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation$q$),
('DeleteMembershipTableEntriesKey',
 $q$DELETE FROM pos_cluster_member WHERE deployment_id = @DeploymentId;
    DELETE FROM pos_cluster_version WHERE deployment_id = @DeploymentId$q$),
('GatewaysQueryKey',
 $q$SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation FROM pos_cluster_member
    WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0$q$),
('CleanupDefunctSiloEntriesKey',
 $q$DELETE FROM pos_cluster_member WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3$q$),
-- Optional since 10.4.2; when present Orleans uses it instead of the key above: it reads all rows, and for
-- each Dead (6) row older than the cutoff deletes it only if it is unchanged since that read (compare-and-delete).
-- Verified by ChainPos.Storage.Tests (also with a non-UTC session time zone).
('CleanupDefunctSiloEntryKey',
 $q$DELETE FROM pos_cluster_member
    WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
      AND status = 6 AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
      AND suspect_times IS NOT DISTINCT FROM @SuspectTimes::text$q$),

('ReadFromStorageKey',
 $q$SELECT payload AS PayloadBinary, version AS Version FROM pos_grain_state
    WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text$q$),
('WriteToStorageKey',
 $q$WITH u AS (UPDATE pos_grain_state SET payload = @PayloadBinary, version = version + 1, modified_at = now()
               WHERE @GrainStateVersion::int IS NOT NULL AND version = @GrainStateVersion::int
                 AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
                 AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
                 AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
               RETURNING version),
         i AS (INSERT INTO pos_grain_state(service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, state_name, grain_key_ext, payload, version)
               SELECT @ServiceId, @GrainTypeHash, @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeString, @GrainIdExtensionString::text, @PayloadBinary, 1
               WHERE @GrainStateVersion::int IS NULL
               ON CONFLICT DO NOTHING RETURNING version)
    SELECT COALESCE((SELECT version FROM u), (SELECT version FROM i), @GrainStateVersion::int) AS NewGrainStateVersion$q$),
('ClearStorageKey',
 $q$UPDATE pos_grain_state SET payload = NULL, version = version + 1, modified_at = now()
    WHERE version = @GrainStateVersion::int
      AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
    RETURNING version$q$),
('DeleteStorageKey',
 $q$DELETE FROM pos_grain_state
    WHERE version = @GrainStateVersion::int
      AND service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1 AND state_name = @GrainTypeString
      AND grain_key_ext IS NOT DISTINCT FROM @GrainIdExtensionString::text
    RETURNING version + 1$q$),

('UpsertReminderRowKey',
 $q$INSERT INTO pos_reminder(service_id, grain_id, reminder_name, start_time, period_ms, grain_hash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
      SET start_time = EXCLUDED.start_time, period_ms = EXCLUDED.period_ms, grain_hash = EXCLUDED.grain_hash,
          version = pos_reminder.version + 1
    RETURNING version AS Version$q$),
('ReadReminderRowsKey',
 $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
    FROM pos_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId$q$),
('ReadReminderRowKey',
 $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
    FROM pos_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName$q$),
('ReadRangeRows1Key',
 $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
    FROM pos_reminder WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash$q$),
('ReadRangeRows2Key',
 $q$SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period_ms AS Period, version AS Version
    FROM pos_reminder WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash)$q$),
('DeleteReminderRowKey',
 $q$WITH d AS (DELETE FROM pos_reminder WHERE service_id = @ServiceId AND grain_id = @GrainId
               AND reminder_name = @ReminderName AND version = @Version RETURNING 1)
    SELECT count(*)::int FROM d$q$),
('DeleteReminderRowsKey',
 $q$DELETE FROM pos_reminder WHERE service_id = @ServiceId$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;

INSERT INTO pos_schema_version(version) VALUES (3)
ON CONFLICT (version) DO UPDATE SET last_applied_at = now();
