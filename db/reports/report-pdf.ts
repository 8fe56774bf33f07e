/**
 * A report's blocks as a PDF, through pdfmake (Roboto, the fonts it ships). One PDF code
 * path for the CLI, the preview and the desktop: Electron's printToPDF could print the
 * HTML page, but its binary cannot run here, so nothing could test what it writes; the same
 * library everywhere is what the tests check (text through pdftotext, pages as images).
 *
 * The fonts are pdfmake's own Roboto, bundled in as data (pdfmake/build/vfs_fonts) and put in
 * pdfmake's in-memory file system: the bundles need no font files beside them, so the
 * packaged app ships nothing more, and pdfmake may read no file and fetch no URL.
 */
import pdfmake from 'pdfmake';
import vfs from 'pdfmake/build/vfs_fonts';
import type { ReportBlock, ReportDoc } from './report-doc';

let ready = false;

function setUp(): void {
  if (ready) return;
  const files = { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Italic.ttf', bolditalics: 'Roboto-MediumItalic.ttf' };
  for (const name of Object.values(files)) pdfmake.virtualfs.writeFileSync(name, Buffer.from(vfs[name]!, 'base64'));
  pdfmake.setFonts({ Roboto: files });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

const BORDER = '#c9d6e3';
const tableLayout = { hLineColor: () => BORDER, vLineColor: () => BORDER, paddingTop: () => 3, paddingBottom: () => 3 };

function content(b: ReportBlock): Record<string, unknown> {
  switch (b.kind) {
    case 'heading':
      return { text: b.text, style: 'heading' };
    case 'subheading':
      return { text: b.text, style: 'subheading' };
    case 'paragraph':
      return b.tone === 'warning'
        ? { table: { widths: ['*'], body: [[{ text: b.text, fillColor: '#fff4e0' }]] }, layout: { ...tableLayout, hLineColor: () => '#c77700', vLineColor: () => '#c77700' }, margin: [0, 2, 0, 6] }
        : { text: b.text, margin: [0, 0, 0, 6], ...(b.tone === 'muted' ? { color: '#555555' } : {}) };
    case 'facts':
      return { table: { widths: [140, '*'], body: b.rows.map(([k, v]) => [{ text: k, color: '#555555' }, v]) }, layout: 'noBorders', margin: [0, 0, 0, 6] };
    case 'table':
      return {
        table: { headerRows: 1, widths: b.head.map(() => '*'), body: [b.head.map((h) => ({ text: h, bold: true, fillColor: '#eef3f8' })), ...b.rows] },
        layout: tableLayout,
        // Wide tables (requests per month and type) in smaller type, so every column stays on the page.
        fontSize: b.head.length > 6 ? 7 : 8.5,
        margin: [0, 2, 0, 8],
      };
    case 'list':
      return { ul: b.items, margin: [0, 0, 0, 6] };
  }
}

/** The PDF's bytes, A4, page numbers in the footer. */
export async function reportPdf(doc: ReportDoc): Promise<Buffer> {
  setUp();
  return pdfmake
    .createPdf({
      info: { title: doc.title, creator: 'Registre', producer: 'Registre' },
      pageSize: 'A4',
      pageMargins: [40, 48, 40, 48],
      defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.2 },
      styles: {
        title: { fontSize: 17, bold: true, color: '#123a5c' },
        heading: { fontSize: 13, bold: true, color: '#123a5c', margin: [0, 12, 0, 4] },
        subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 3] },
      },
      content: [{ text: doc.title, style: 'title' }, { text: doc.subtitle, color: '#555555', margin: [0, 2, 0, 10] }, ...doc.blocks.map(content)],
      footer: (page: number, pages: number) => ({ text: `${doc.footer} · ${page}/${pages}`, fontSize: 8, color: '#777777', margin: [40, 16, 40, 0] }),
    })
    .getBuffer();
}
