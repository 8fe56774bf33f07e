/**
 * A report as a list of plain blocks (headings, paragraphs, facts, tables), already in the
 * reader's words. The record of processing and the compliance report are each laid out
 * once, as blocks; report-html.ts and report-pdf.ts turn the same blocks into a printable
 * page and a PDF, so the two files can never say different things.
 */
export type ReportBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'subheading'; text: string }
  | { kind: 'paragraph'; text: string; tone?: 'warning' | 'muted' }
  /** Label and value pairs. */
  | { kind: 'facts'; rows: Array<[string, string]> }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'list'; items: string[] };

export interface ReportDoc {
  language: 'en' | 'fr';
  title: string;
  subtitle: string;
  blocks: ReportBlock[];
  footer: string;
}

/** "26 November 2026" / "26 novembre 2026": reports show days in words. */
export const longDate = (day: string, language: string): string =>
  new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${day.slice(0, 10)}T00:00:00Z`));

/** A count as the reader writes numbers (1,234 / 1 234). */
export const count = (n: number, language: string): string => new Intl.NumberFormat(language === 'en' ? 'en-GB' : language).format(n);
