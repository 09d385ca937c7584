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
  bytes      INTEGER,
  mtime_ms   REAL           -- the file's modification time when read: a rerun skips unchanged files unread
);
CREATE INDEX IF NOT EXISTS documents_path ON documents(path);
CREATE INDEX IF NOT EXISTS documents_run ON documents(run_id);

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
-- deleting a mention looks up the facts that cite it (ON DELETE CASCADE): without this index each
-- replaced document scans every fact, and re-extracting a big corpus becomes quadratic
CREATE INDEX IF NOT EXISTS facts_mention ON facts(mention_id);

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

-- ours: editors' decisions from the review page, one row per decision (the latest one counts).
-- Re-extraction deletes and re-inserts facts and projects with new ids, so a review names its
-- target by stable identity: the document's sha256 plus the target's natural key (a fact: its
-- mention's char_start, char_end and its metric; a project: its name and char_start). target_id
-- is the row id when decided, a convenience only; no foreign key, extraction rows are never changed.
CREATE TABLE IF NOT EXISTS reviews (
  id          INTEGER PRIMARY KEY,
  sha256      TEXT NOT NULL,        -- documents.sha256
  target      TEXT NOT NULL CHECK (target IN ('fact', 'project')),
  char_start  INTEGER NOT NULL,     -- fact: its mention's char_start; project: its char_start
  char_end    INTEGER,              -- fact: its mention's char_end; project: NULL
  metric      TEXT,                 -- fact: its metric; project: NULL
  name        TEXT,                 -- project: its name; fact: NULL
  target_id   INTEGER,              -- facts.id / projects.id at the time of the decision
  verdict     TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'correct')),
  corrected   TEXT,                 -- JSON object of the corrected fields (verdict 'correct'), else NULL
  reviewer    TEXT NOT NULL,
  created_at  TEXT NOT NULL         -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS reviews_target ON reviews(sha256, target, char_start);
`;
