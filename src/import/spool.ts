/**
 * The import's scratch file: the first pass reads and checks the whole export
 * and writes what it found here; only when the file has proved sound does the
 * second pass read it back and write to the site's database. It is a
 * throw-away SQLite file in the system's temporary folder (never the site's
 * database), so memory stays flat whatever the size of the export, and
 * attachments can be looked up by id while posts are written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openScratchSqlite, type ScratchDatabase, type ScratchStatement } from '../storage/index.js';
import type { WxrAuthor, WxrComment, WxrItem, WxrTerm } from './wxr.js';

/** A record of the export, in file order. */
export type SpoolRecord =
  { type: 'author'; author: WxrAuthor; line: number } | { type: 'term'; term: WxrTerm; line: number } | { type: 'item'; item: WxrItem; ordinal: number };

/** An uploaded file, as an attachment item described it. */
export interface SpooledAttachment {
  id: number;
  /** The post it was uploaded to (0 for none). */
  parent: number;
  url: string;
  /** Its path below wp-content/uploads (`2024/05/photo.jpg`), or ''. */
  file: string;
  title: string;
  caption: string;
  menuOrder: number;
}

const BATCH = 2000;

export class Spool {
  private readonly dir: string;
  private readonly db: ScratchDatabase;
  private readonly insertRecord: ScratchStatement;
  private readonly insertComment: ScratchStatement;
  private readonly insertAttachment: ScratchStatement;
  private pending = 0;
  private seq = 0;

  constructor(parent = tmpdir()) {
    this.dir = mkdtempSync(join(parent, 'dabir-import-'));
    this.db = openScratchSqlite(join(this.dir, 'spool.sqlite'));
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -16000');
    this.db.exec(`
      create table records (seq integer primary key, json text not null);
      create table comments (item integer not null, seq integer not null, json text not null, primary key (item, seq)) without rowid;
      create table attachments (id integer primary key, parent integer not null, menu_order integer not null, json text not null);
      create index attachments_parent on attachments (parent, menu_order, id);
    `);
    this.insertRecord = this.db.prepare('insert into records (seq, json) values (?, ?)');
    this.insertComment = this.db.prepare('insert or replace into comments (item, seq, json) values (?, ?, ?)');
    this.insertAttachment = this.db.prepare('insert or replace into attachments (id, parent, menu_order, json) values (?, ?, ?, ?)');
    this.db.exec('begin');
  }

  private written(): void {
    if (++this.pending >= BATCH) {
      this.db.exec('commit; begin');
      this.pending = 0;
    }
  }

  addRecord(record: SpoolRecord): void {
    this.insertRecord.run(++this.seq, JSON.stringify(record));
    this.written();
  }

  addComment(item: number, comment: WxrComment & { line: number }): void {
    this.insertComment.run(item, ++this.seq, JSON.stringify(comment));
    this.written();
  }

  addAttachment(a: SpooledAttachment): void {
    this.insertAttachment.run(a.id, a.parent, a.menuOrder, JSON.stringify(a));
    this.written();
  }

  /** Ends the first pass. */
  finish(): void {
    this.db.exec('commit');
    this.pending = 0;
  }

  /** Records in file order, a page at a time (the connection stays free between pages). */
  *pages(pageSize = 200): Generator<SpoolRecord[]> {
    const page = this.db.prepare('select seq, json from records where seq > ? order by seq limit ?');
    let after = 0;
    for (;;) {
      const rows = page.all(after, pageSize) as Array<{ seq: number; json: string }>;
      if (rows.length === 0) return;
      yield rows.map((row) => JSON.parse(row.json) as SpoolRecord);
      after = rows[rows.length - 1]!.seq;
    }
  }

  /** The comments of the item with this ordinal, in file order. */
  comments(item: number): Array<WxrComment & { line: number }> {
    return (this.db.prepare('select json from comments where item = ? order by seq').all(item) as Array<{ json: string }>).map(
      (r) => JSON.parse(r.json) as WxrComment & { line: number },
    );
  }

  attachment(id: number): SpooledAttachment | undefined {
    const row = this.db.prepare('select json from attachments where id = ?').get(id) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as SpooledAttachment) : undefined;
  }

  /** Attachments uploaded to a post, in menu order (at most `limit`). */
  attachmentsOf(parent: number, limit = 100): SpooledAttachment[] {
    return (this.db.prepare('select json from attachments where parent = ? order by menu_order, id limit ?').all(parent, limit) as Array<{ json: string }>).map(
      (r) => JSON.parse(r.json) as SpooledAttachment,
    );
  }

  /** Deletes the scratch file. */
  close(): void {
    try {
      this.db.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
