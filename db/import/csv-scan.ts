/**
 * CSV records read straight from the decoded text, the way csv-parse reads them with
 * parse.ts's options, for well-formed files. csv-parse works on bytes (the text is encoded
 * again, then every cell decoded back) and took a third of a 100k-row preview; this is
 * several times faster and stops every few thousand records so the caller can yield.
 *
 * It reads only what it is sure of. At the first thing csv-parse would refuse or treat
 * specially (a quote inside an unquoted cell, text after a closing quote, a quote never
 * closed, a line break other than the file's own, a record near the size limit) it gives
 * up, and parse.ts lets csv-parse read the whole file and word the error.
 */

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Well under csv-parse's limit (1 MB, counted in bytes), so csv-parse decides near it. */
const MAX_RECORD_CHARS = 256 * 1024;

export const GIVE_UP = Symbol('csv-scan: let csv-parse read this file');

export class CsvScanner {
  private pos = 0;
  /** The record delimiter, found like csv-parse does: the first line break outside quotes. */
  private eol: string | null = null;
  private readonly delimiter: number;

  constructor(
    private readonly text: string,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Characters read so far. */
  get offset(): number {
    return this.pos;
  }

  get done(): boolean {
    return this.pos >= this.text.length;
  }

  /** Up to `max` more records, or GIVE_UP. */
  next(max: number): string[][] | typeof GIVE_UP {
    const records: string[][] = [];
    while (records.length < max && !this.done) {
      const record = this.record();
      if (record === GIVE_UP) return GIVE_UP;
      records.push(record);
    }
    return records;
  }

  private record(): string[] | typeof GIVE_UP {
    const { text } = this;
    const start = this.pos;
    const record: string[] = [];
    for (;;) {
      const cell = text.charCodeAt(this.pos) === QUOTE ? this.quoted() : this.unquoted();
      if (cell === GIVE_UP) return GIVE_UP;
      record.push(cell);
      if (this.pos - start > MAX_RECORD_CHARS) return GIVE_UP;
      if (this.pos >= text.length) return record;
      const c = text.charCodeAt(this.pos);
      if (c === this.delimiter) {
        this.pos++;
        // A delimiter at the very end of the file ends the record with an empty cell.
        if (this.pos >= text.length) {
          record.push('');
          return record;
        }
        continue;
      }
      if (c !== CR && c !== LF) return GIVE_UP;
      this.eol ??= c === LF ? '\n' : text.charCodeAt(this.pos + 1) === LF ? '\r\n' : '\r';
      if (!text.startsWith(this.eol, this.pos)) return GIVE_UP;
      this.pos += this.eol.length;
      return record;
    }
  }

  /** Ends on the delimiter or line break after the cell, or at the end of the text. */
  private unquoted(): string | typeof GIVE_UP {
    const { text, delimiter } = this;
    const from = this.pos;
    let i = from;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === delimiter) break;
      if (c === QUOTE) return GIVE_UP;
      // Before the record delimiter is known any line break ends the cell; after, only it.
      if ((c === CR || c === LF) && (this.eol === null || text.startsWith(this.eol, i))) break;
    }
    this.pos = i;
    return text.slice(from, i);
  }

  /** `""` inside quotes is one quote; ends just after the closing quote. */
  private quoted(): string | typeof GIVE_UP {
    const { text } = this;
    let from = this.pos + 1;
    let cell = '';
    for (;;) {
      const q = text.indexOf('"', from);
      if (q < 0) return GIVE_UP;
      if (text.charCodeAt(q + 1) === QUOTE) {
        cell += text.slice(from, q + 1);
        from = q + 2;
        continue;
      }
      this.pos = q + 1;
      return cell + text.slice(from, q);
    }
  }
}
