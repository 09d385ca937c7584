import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Doc } from '../../model.js';
import { SCHEMA, SCHEMA_VERSION } from './schema.js';

// The one writer of the database. Each document's rows go in one savepoint, inside a batch
// transaction committed as a whole, so a crash or kill leaves whole documents only; identity is the
// sha256 of the file's bytes.

export type Db = Database.Database;

export function openDb(path: string, { readonly = false } = {}): Db {
  if (!readonly) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path, { readonly, fileMustExist: readonly });
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
  }
  db.pragma('foreign_keys = ON');
  if (!readonly) {
    db.exec(SCHEMA);
    migrate(db);
    db.prepare("INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
  }
  return db;
}

/** Columns added after a database was first created. */
function migrate(db: Db): void {
  const has = new Set((db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name));
  if (!has.has('mtime_ms')) db.exec('ALTER TABLE documents ADD COLUMN mtime_ms REAL');
}

/** The file as found: its size and modification time. */
export interface FileStat { bytes: number; mtimeMs: number }

export interface RunCounts { ok: number; failed: number; skipped: number }

/** What the store needs of a processed document (workers send no more than this back). */
export type DocumentRecord = Pick<Doc, 'path' | 'sha256' | 'encoding' | 'title' | 'source' | 'mentions' | 'projects' | 'facts' | 'checks'>;
export type StoredResult =
  | { status: 'ok'; doc: DocumentRecord }
  | { status: 'failed'; path: string; sha256: string; encoding: string | null; error: string };

export class Store {
  readonly db: Db;
  private readonly stmts;
  private readonly writeTx: (result: StoredResult, runId: number, rulesHash: string, file: FileStat) => number;

  constructor(path: string) {
    this.db = openDb(path);
    const db = this.db;
    this.stmts = {
      beginRun: db.prepare('INSERT INTO runs(started_at, rules_hash, status, args) VALUES (?, ?, ?, ?)'),
      finishRun: db.prepare(
        'UPDATE runs SET finished_at = ?, status = ?, documents_ok = ?, documents_failed = ?, documents_skipped = ? WHERE id = ?',
      ),
      done: db.prepare("SELECT 1 FROM documents WHERE sha256 = ? AND status = 'ok' AND rules_hash = ?"),
      unchanged: db.prepare(
        "SELECT 1 FROM documents WHERE path = ? AND bytes = ? AND mtime_ms = ? AND status = 'ok' AND rules_hash = ?",
      ),
      touch: db.prepare("UPDATE documents SET path = ?, mtime_ms = ? WHERE sha256 = ?"),
      deleteBySha: db.prepare('DELETE FROM documents WHERE sha256 = ?'),
      deleteStalePath: db.prepare('DELETE FROM documents WHERE path = ? AND sha256 != ?'),
      insertDoc: db.prepare(
        `INSERT INTO documents(path, sha256, encoding, title, chars, status, error, run_id, rules_hash, source, bytes, mtime_ms)
         VALUES (@path, @sha256, @encoding, @title, @chars, @status, @error, @run_id, @rules_hash, @source, @bytes, @mtime_ms)`,
      ),
      insertMention: db.prepare(
        `INSERT INTO mentions(document_id, kind, text, char_start, char_end, value, value_max, unit, approx, rule)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertFact: db.prepare(
        `INSERT INTO facts(document_id, mention_id, metric, region, entity, batch, phase, year, rule)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertProject: db.prepare(
        `INSERT INTO projects(document_id, name, char_start, char_end, batch, phase, rule) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      insertCheck: db.prepare(
        `INSERT INTO checks(document_id, kind, status, expected, stated, fact_ids, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    // compiled once: better-sqlite3 builds a wrapper on each db.transaction() call
    this.writeTx = db.transaction(this.insertAll);
  }

  beginRun(rulesHash: string, args: string[]): number {
    const r = this.stmts.beginRun.run(new Date().toISOString(), rulesHash, 'running', JSON.stringify(args));
    return Number(r.lastInsertRowid);
  }

  finishRun(runId: number, status: 'done' | 'interrupted', counts: RunCounts): void {
    this.stmts.finishRun.run(new Date().toISOString(), status, counts.ok, counts.failed, counts.skipped, runId);
  }

  /** The same file (path, size, mtime) already stored ok under the same rules: skip it unread. */
  isUnchanged(path: string, file: FileStat, rulesHash: string): boolean {
    return this.stmts.unchanged.get(path, file.bytes, file.mtimeMs, rulesHash) !== undefined;
  }

  /** Already stored ok under the same rules (same bytes, wherever they now are): nothing to redo.
   *  The row learns the file's current path and mtime, so the next rerun skips it unread. */
  isDone(sha256: string, rulesHash: string, path: string, file: FileStat): boolean {
    if (this.stmts.done.get(sha256, rulesHash) === undefined) return false;
    this.stmts.touch.run(path, file.mtimeMs, sha256);
    return true;
  }

  /** Writes one document and all its rows atomically; replaces an older version (same bytes, or same path). */
  writeDocument(result: StoredResult, runId: number, rulesHash: string, file: FileStat): number {
    return this.writeTx(result, runId, rulesHash, file);
  }

  private readonly insertAll = (result: StoredResult, runId: number, rulesHash: string, file: FileStat): number => {
      const s = this.stmts;
      const path = result.status === 'ok' ? result.doc.path : result.path;
      const sha = result.status === 'ok' ? result.doc.sha256 : result.sha256;
      s.deleteBySha.run(sha);
      s.deleteStalePath.run(path, sha);
      if (result.status === 'failed') {
        const r = s.insertDoc.run({
          path, sha256: sha, encoding: result.encoding, title: null, chars: null, status: 'failed',
          error: result.error, run_id: runId, rules_hash: rulesHash, source: null, bytes: file.bytes, mtime_ms: file.mtimeMs,
        });
        return Number(r.lastInsertRowid);
      }
      const doc = result.doc;
      const docId = Number(
        s.insertDoc.run({
          path, sha256: sha, encoding: doc.encoding, title: doc.title, chars: doc.source.length, status: 'ok',
          error: null, run_id: runId, rules_hash: rulesHash, source: doc.source, bytes: file.bytes, mtime_ms: file.mtimeMs,
        }).lastInsertRowid,
      );
      const mentionIds = doc.mentions.map((m) =>
        Number(
          s.insertMention.run(docId, m.kind, m.text, m.start, m.end, m.value, m.valueMax, m.unit, m.approx, m.rule)
            .lastInsertRowid,
        ),
      );
      const factIds = doc.facts.map((f) =>
        Number(
          s.insertFact.run(docId, mentionIds[f.mention], f.metric, f.region, f.entity, f.batch, f.phase, f.year, f.rule)
            .lastInsertRowid,
        ),
      );
      for (const p of doc.projects) s.insertProject.run(docId, p.name, p.start, p.end, p.batch, p.phase, p.rule);
      for (const c of doc.checks) {
        s.insertCheck.run(docId, c.kind, c.status, c.expected, c.stated, JSON.stringify(c.facts.map((i) => factIds[i])), c.detail);
      }
      return docId;
    };

  /**
   * Opens a batch, if none is open: the documents written until commitBatch() are committed together
   * (one fsync for many), each still written whole (writeDocument is a savepoint inside the batch).
   */
  beginBatch(): void {
    if (!this.db.inTransaction) this.db.exec('BEGIN');
  }

  commitBatch(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
  }

  /** Commits an open batch (it holds whole documents only) and closes the database. */
  close(): void {
    if (this.db.open) this.commitBatch();
    this.db.close();
  }
}
