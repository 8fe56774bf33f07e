/**
 * CSV import, step 1 (issue 3): bytes to text. Detects the encoding (UTF-8, with or
 * without BOM; UTF-16 with a BOM; else Windows-1252 when the bytes are not valid UTF-8)
 * and the delimiter (`,`, `;` or tab, counted on the header line outside quotes). Both
 * can be overridden by the person importing. Refuses empty, binary and oversized files
 * with a message that says what to do.
 */
import iconv from 'iconv-lite';
import { RegistreError } from '../../shared/errors';
import type { ErrorReason } from '../../shared/vocabulary';

import { importDelimiters, importEncodings, MAX_IMPORT_BYTES } from '../../shared/import-format';

export { MAX_IMPORT_BYTES };
export const encodings = importEncodings;
export type Encoding = (typeof encodings)[number];
export const delimiters = importDelimiters;
export type Delimiter = (typeof delimiters)[number];

export interface DecodeOptions {
  encoding?: Encoding;
  delimiter?: Delimiter;
  maxBytes?: number;
}

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** A byte-order mark was present (and removed). */
  bom: boolean;
  delimiter: Delimiter;
}

const fail = (reason: ErrorReason, message: string, detail: Record<string, unknown> = {}): never => {
  throw new RegistreError('invalid_input', message, { reason, ...detail });
};

/** Formats people sometimes pick by mistake instead of the CSV export. */
const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'an Excel workbook or another ZIP file' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) or Word file' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a compressed (gzip) file' },
];

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((b, i) => bytes[i] === b);
}

function detectBom(bytes: Uint8Array): { encoding: Encoding; length: number } | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', length: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', length: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** NUL bytes never occur in a text file in an 8-bit or UTF-8 encoding. */
function checkNotBinary(bytes: Uint8Array): void {
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes)) fail('file_binary', `This file looks like ${m.what}, not a CSV file. Export or save it as CSV and try again.`);
  }
  const sample = bytes.subarray(0, 64 * 1024);
  let nul = 0;
  for (const b of sample) if (b === 0) nul++;
  if (nul === 0) return;
  // Every other byte zero: UTF-16 text written without a byte-order mark.
  if (nul * 2 >= sample.length * 0.8) {
    fail('encoding_unsupported', 'This file looks like UTF-16 text without a byte-order mark. Save it again as "CSV UTF-8" and try again.');
  }
  fail('file_binary', 'This file contains binary data, not CSV text. Export or save it as CSV and try again.');
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodeText(body: Uint8Array, encoding: Encoding): string {
  switch (encoding) {
    case 'utf-8':
      try {
        return strictUtf8.decode(body);
      } catch {
        return fail('encoding_invalid', 'This file is not valid UTF-8. Choose the Windows-1252 encoding (files saved by older Excel versions) and try again.');
      }
    case 'utf-16le':
    case 'utf-16be':
      if (body.length % 2 !== 0) fail('encoding_invalid', `This file is not valid ${encoding.toUpperCase()} (odd number of bytes).`);
      return new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
    case 'windows-1252':
      return iconv.decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), 'win1252');
  }
}

/**
 * The first record's end: the first line break outside quotes (a quoted header may
 * span lines). Counting stops there.
 */
export function sniffDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length && i < 64 * 1024; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  // Ties go to the comma, the RFC 4180 default; a one-column file has none at all.
  let best: Delimiter = ',';
  for (const d of delimiters) if (counts[d] > counts[best]) best = d;
  return best;
}

export function decodeCsv(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  const max = options.maxBytes ?? MAX_IMPORT_BYTES;
  if (bytes.length > max) {
    fail('file_too_large', `This file is ${Math.ceil(bytes.length / 1024 / 1024)} MB; files up to ${Math.floor(max / 1024 / 1024)} MB can be imported. Split it into smaller files.`, {
      maxBytes: max,
    });
  }
  const bom = detectBom(bytes);
  if (bytes.length === (bom?.length ?? 0)) fail('file_empty', 'This file is empty.');
  const encoding: Encoding = options.encoding ?? bom?.encoding ?? 'utf-8';
  if (bom && options.encoding && options.encoding !== bom.encoding) {
    fail('encoding_mismatch', `This file starts with a ${bom.encoding.toUpperCase()} byte-order mark; it cannot be read as ${options.encoding}.`);
  }
  const body = bom ? bytes.subarray(bom.length) : bytes;
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be') checkNotBinary(body);

  let text: string;
  let used = encoding;
  if (options.encoding || bom) {
    text = decodeText(body, encoding);
  } else {
    try {
      text = strictUtf8.decode(body);
    } catch {
      used = 'windows-1252';
      text = decodeText(body, used);
    }
  }
  if (text.includes('\u0000')) fail('file_binary', 'This file contains binary data, not CSV text. Export or save it as CSV and try again.');
  if (text.trim() === '') fail('file_empty', 'This file is empty.');
  return { text, encoding: used, bom: bom !== null, delimiter: options.delimiter ?? sniffDelimiter(text) };
}
