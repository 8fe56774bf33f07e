import { describe, expect, it } from 'vitest';
import { decodeCsv, sniffDelimiter } from '../../db/import/decode';
import { parseCsv } from '../../db/import/parse';
import { guessMapping, headerKey } from '../../db/import/presets';
import { countryCode, languageCode } from '../../db/import/values';
import { fixture } from './fixtures';

const bytes = (s: string) => new TextEncoder().encode(s);
const errorOf = (fn: () => unknown): { message: string; detail: Record<string, unknown> } => {
  try {
    fn();
  } catch (e) {
    return e as { message: string; detail: Record<string, unknown> };
  }
  throw new Error('expected an error');
};
const parseErrorOf = async (text: string, delimiter: ',' | ';'): Promise<{ message: string; detail: Record<string, unknown> }> => {
  try {
    await parseCsv(text, delimiter);
  } catch (e) {
    return e as { message: string; detail: Record<string, unknown> };
  }
  throw new Error('expected an error');
};

describe('decode: encoding and delimiter', () => {
  it('reads UTF-8 with a BOM (Mailchimp) and drops the BOM', () => {
    const d = decodeCsv(fixture('mailchimp-audience.csv'));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: true, delimiter: ',' });
    expect(d.text.startsWith('Email Address,')).toBe(true);
    expect(d.text).toContain('Éloïse');
  });

  it('reads UTF-8 without BOM and sniffs ";" (French Google Forms)', () => {
    const d = decodeCsv(fixture('google-forms-fr.csv'));
    expect(d).toMatchObject({ encoding: 'utf-8', bom: false, delimiter: ';' });
    expect(d.text).toContain('Prénom');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8 (Azavista)', () => {
    const d = decodeCsv(fixture('azavista-registrations.csv'));
    expect(d).toMatchObject({ encoding: 'windows-1252', delimiter: ',' });
    expect(d.text).toContain('Cœurdevey'); // œ is 0x9C: Windows-1252, not Latin-1
    expect(d.text).toContain('Sans gluten — merci');
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const text = 'Email\tName\r\nzoe@example.org\tZoë\r\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(decodeCsv(le)).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', text });
    expect(decodeCsv(be)).toMatchObject({ encoding: 'utf-16be', delimiter: '\t', text });
  });

  it('honours overrides, and refuses an encoding the bytes cannot be', () => {
    expect(decodeCsv(bytes('a;b,c\n1;2,3\n'), { delimiter: ',' }).delimiter).toBe(',');
    expect(decodeCsv(bytes('Email,Name\nx@y.be,Zoe\n'), { encoding: 'windows-1252' }).encoding).toBe('windows-1252');
    const wrong = errorOf(() => decodeCsv(fixture('latin1-declared-utf8.csv'), { encoding: 'utf-8' }));
    expect(wrong.message).toMatch(/not valid UTF-8.*Windows-1252/);
    expect(wrong.detail.reason).toBe('encoding_invalid');
    const bom = errorOf(() => decodeCsv(fixture('mailchimp-audience.csv'), { encoding: 'windows-1252' }));
    expect(bom.detail.reason).toBe('encoding_mismatch');
  });

  it('sniffs the delimiter on the header line only, outside quotes', () => {
    expect(sniffDelimiter('"Name, full";"E-mail"\n"a,b,c,d,e";x\n')).toBe(';');
    expect(sniffDelimiter('a\tb\tc\n1,2,3,4,5,6\n')).toBe('\t');
    expect(sniffDelimiter('Email\nx@y.be\n')).toBe(',');
  });

  it('gives clear errors for empty, binary, UTF-16 without BOM and oversized files', () => {
    expect(errorOf(() => decodeCsv(new Uint8Array())).detail.reason).toBe('file_empty');
    expect(errorOf(() => decodeCsv(new Uint8Array([0xef, 0xbb, 0xbf]))).detail.reason).toBe('file_empty');
    expect(errorOf(() => decodeCsv(bytes(' \r\n\r\n'))).detail.reason).toBe('file_empty');
    const xlsx = errorOf(() => decodeCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])));
    expect(xlsx.message).toMatch(/Excel workbook/);
    expect(errorOf(() => decodeCsv(new Uint8Array([0x41, 0x00, 0x07, 0x42, 0x43, 0x44, 0x45, 0x46]))).detail.reason).toBe('file_binary');
    expect(errorOf(() => decodeCsv(fixture('utf16-no-bom.csv'))).message).toMatch(/UTF-16 text without a byte-order mark/);
    const big = errorOf(() => decodeCsv(new Uint8Array(2048), { maxBytes: 1024 }));
    expect(big.detail.reason).toBe('file_too_large');
    expect(big.message).toMatch(/files up to 0 MB|Split it/);
  });
});

describe('parse: RFC 4180, nothing relaxed silently', () => {
  it('keeps ragged rows with their row and line numbers', async () => {
    const p = await parseCsv(decodeCsv(fixture('ragged-rows.csv')).text, ',');
    expect(p.headers).toEqual(['Email', 'First name', 'Last name']);
    expect(p.rows.map((r) => [r.row, r.line, r.problem?.actual ?? null])).toEqual([
      [2, 2, null],
      [3, 3, 2],
      [4, 4, 4],
      [5, 5, null],
    ]);
  });

  it('counts rows like a spreadsheet and lines like an editor across multi-line cells', async () => {
    const p = await parseCsv('Email;Commentaires\r\na@b.be;"deux\r\nlignes"\r\nc@d.be;x\r\n', ';');
    expect(p.rows.map((r) => [r.row, r.line])).toEqual([
      [2, 2],
      [3, 4],
    ]);
    expect(p.rows[0]!.values[1]).toBe('deux\r\nlignes');
  });

  it('stops at a quote that is never closed, or a stray quote, naming the line', async () => {
    const open = await parseErrorOf(decodeCsv(fixture('unbalanced-quotes.csv')).text, ',');
    expect(open.message).toMatch(/quoted cell is never closed \(still open at line \d+/);
    expect(open.detail).toMatchObject({ reason: 'csv_malformed', csvCode: 'CSV_QUOTE_NOT_CLOSED' });
    const stray = await parseErrorOf(decodeCsv(fixture('stray-quote.csv')).text, ',');
    expect(stray.message).toMatch(/quote appears in the middle of a cell.*\(line 3\)/);
    expect(stray.detail.line).toBe(3);
  });

  it('reads a file fed in 256 KB slices exactly: characters cut between slices, an error in a late slice, an oversized record', async () => {
    const rows = Array.from({ length: 12000 }, (_, i) => `r${String(i).padStart(5, '0')}@example.org,"Zoé € 😀 Müller, ${'x'.repeat(40)}",${i}`);
    // The first row's name ends with "😀" placed across the first slice boundary.
    const head = 'Email,Name,N\r\nfirst@example.org,"';
    const straddling = `${'a'.repeat(256 * 1024 - 2 - Buffer.byteLength(head))}😀`;
    const text = [`${head}${straddling}",-1`, ...rows].join('\r\n') + '\r\n';
    expect(
      Buffer.from(text)
        .subarray(256 * 1024 - 2, 256 * 1024 + 2)
        .toString(),
    ).toBe('😀');
    const parsed = await parseCsv(text, ',');
    expect(parsed.rows).toHaveLength(12001);
    expect(parsed.rows[0]!.values[1]).toBe(straddling);
    expect(parsed.rows.slice(1).every((r, i) => r.values[1] === `Zoé € 😀 Müller, ${'x'.repeat(40)}` && r.values[2] === String(i))).toBe(true);

    const broken = [...rows];
    broken[11000] = 'late@example.org,Zo"é,11000';
    const late = await parseErrorOf(['Email,Name,N', ...broken].join('\r\n'), ',');
    expect(late.detail).toMatchObject({ reason: 'csv_malformed', line: 11002 });

    const huge = `Email,Notes\r\na@example.org,"${'é'.repeat(600_000)}"\r\n`;
    expect((await parseErrorOf(huge, ',')).detail).toMatchObject({ reason: 'csv_malformed', csvCode: 'CSV_MAX_RECORD_SIZE' });
  });

  it('needs a header and at least one data row, and refuses duplicate columns', async () => {
    expect((await parseErrorOf(decodeCsv(fixture('header-only.csv')).text, ',')).detail.reason).toBe('no_rows');
    expect((await parseErrorOf('\r\na@b.be\r\n', ',')).detail.reason).toBe('header_missing');
    expect((await parseErrorOf('Email,email\r\na,b\r\n', ',')).message).toMatch(/"email" appears twice \(columns 1 and 2\)/);
  });
});

describe('presets and synonyms', () => {
  const headersOf = async (name: string) => (await parseCsv(decodeCsv(fixture(name)).text, decodeCsv(fixture(name)).delimiter)).headers;

  it('recognises a Mailchimp audience export', async () => {
    const g = guessMapping(await headersOf('mailchimp-audience.csv'));
    expect(g.preset).toBe('mailchimp');
    expect(g.mapping).toMatchObject({
      'Email Address': 'email',
      'First Name': 'firstName',
      'Last Name': 'lastName',
      'Phone Number': 'phone',
      NOTES: 'notes',
      Address: 'ignore',
      TAGS: 'ignore',
      CC: 'country',
      OPTIN_TIME: 'consentGranted',
      CONFIRM_TIME: 'consentGranted',
      OPTIN_IP: 'ignore',
    });
  });

  it('recognises French Google Forms responses and ignores free-text questions', async () => {
    const g = guessMapping(await headersOf('google-forms-fr.csv'));
    expect(g.preset).toBe('google_forms');
    expect(g.mapping).toEqual({
      Horodateur: 'ignore',
      'Adresse e-mail': 'email',
      Nom: 'lastName',
      Prénom: 'firstName',
      Organisation: 'organisationName',
      Fonction: 'jobTitle',
      Pays: 'country',
      Téléphone: 'phone',
      'Quels thèmes vous intéressent ?': 'ignore',
      Commentaires: 'notes',
    });
  });

  it('recognises Azavista registrations and never maps identity data', async () => {
    const g = guessMapping(await headersOf('azavista-registrations.csv'));
    expect(g.preset).toBe('azavista');
    expect(g.mapping).toMatchObject({
      'First name': 'firstName',
      'Last name': 'lastName',
      Email: 'email',
      Company: 'organisationName',
      'Job title': 'jobTitle',
      'Mobile phone': 'phone',
      Country: 'country',
      Language: 'language',
      'Date of birth': 'ignore',
      Nationality: 'ignore',
      'Dietary requirements': 'ignore',
    });
  });

  it('maps unknown sources by English and French synonyms', () => {
    const g = guessMapping(['Courriel', 'Nom complet', 'Société', 'GSM', 'Langue', 'Shoe size']);
    expect(g.preset).toBeNull();
    expect(g.mapping).toEqual({ Courriel: 'email', 'Nom complet': 'fullName', Société: 'organisationName', GSM: 'phone', Langue: 'language', 'Shoe size': 'ignore' });
    expect(headerKey('  E-MAIL_Address ')).toBe('e mail address');
  });

  it('reads countries and languages written as names or codes, in English or French', () => {
    expect(['Belgique', 'belgium', 'BE', 'Pays-Bas', 'Netherlands', 'UK', 'Allemagne'].map(countryCode)).toEqual(['BE', 'BE', 'BE', 'NL', 'NL', 'GB', 'DE']);
    expect(countryCode('Atlantis')).toBeNull();
    expect(['Français', 'French', 'fr', 'fr-BE', 'en_GB', 'Nederlands', 'néerlandais'].map(languageCode)).toEqual(['fr', 'fr', 'fr', 'fr', 'en', 'nl', 'nl']);
    expect(languageCode('Klingon')).toBeNull();
  });
});
