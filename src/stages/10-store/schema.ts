// The SQLite schema: the tables of docs/output-contract.md (schema v1), plus our own additions
// (marked "ours"). Renaming or re-meaning a contract column is a breaking change.

export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  id               INTEGER PRIMARY KEY,
  started_at       TEXT NOT NULL,
  finished_at      TEXT,
  rules_hash       TEXT NOT NULL,
  documents_ok     INTEGER,
  documents_failed INTEGER,
  -- ours
  status           TEXT NOT NULL DEFAULT 'running',   -- running | done | interrupted
  documents_skipped INTEGER,
  args             TEXT
);

CREATE TABLE IF NOT EXISTS documents (
  id        INTEGER PRIMARY KEY,
  path      TEXT NOT NULL,
  sha256    TEXT NOT NULL UNIQUE,
  encoding  TEXT,
  title     TEXT,
  chars     INTEGER,
  status    TEXT NOT NULL CHECK (status IN ('ok', 'failed')),
  error     TEXT,
  run_id    INTEGER REFERENCES runs(id),
  -- ours
  rules_hash TEXT,          -- rule set that produced this document's rows (resume skips on a match)
  source     TEXT,          -- decoded source text: evidence spans are offsets into it
  bytes      INTEGER
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);

CREATE TABLE IF NOT EXISTS mentions (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,
  text        TEXT NOT NULL,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL,
  value       TEXT NOT NULL,
  value_max   TEXT,
  unit        TEXT,
  approx      TEXT NOT NULL,
  -- ours
  rule        TEXT
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);

CREATE TABLE IF NOT EXISTS facts (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  mention_id  INTEGER NOT NULL REFERENCES mentions(id) ON DELETE CASCADE,
  metric      TEXT NOT NULL,
  region      TEXT,
  entity      TEXT,
  batch       TEXT,
  phase       TEXT,
  year        INTEGER,
  rule        TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS facts_document ON facts(document_id);

CREATE TABLE IF NOT EXISTS projects (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  char_start  INTEGER NOT NULL,
  char_end    INTEGER NOT NULL,
  batch       TEXT,
  phase       TEXT,
  -- ours
  rule        TEXT
);
CREATE INDEX IF NOT EXISTS projects_document ON projects(document_id);

-- ours: consistency checks across a document's facts
CREATE TABLE IF NOT EXISTS checks (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL,        -- sum | rate
  status      TEXT NOT NULL,        -- pass | fail
  expected    TEXT NOT NULL,        -- what the parts imply
  stated      TEXT NOT NULL,        -- what the article states
  fact_ids    TEXT NOT NULL,        -- JSON array of facts.id: the whole first, then the parts
  detail      TEXT
);
CREATE INDEX IF NOT EXISTS checks_document ON checks(document_id);

CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
`;
