/**
 * A report's blocks as one self-contained printable HTML page, built like the bundle's
 * summary (db/export/summary.ts): every value escaped, inline CSS, no script, and a
 * Content-Security-Policy that loads nothing.
 */
import { escapeHtml as e } from '../photos/lists';
import type { ReportBlock, ReportDoc } from './report-doc';

const CSS = `
body { font: 10.5pt/1.45 system-ui, "Segoe UI", Roboto, Arial, sans-serif; color: #1d2733; margin: 0 auto; padding: 10mm; max-width: 190mm; }
h1 { font-size: 17pt; margin: 0 0 1mm; color: #123a5c; }
.sub { color: #555; margin: 0 0 6mm; }
h2 { font-size: 13pt; margin: 7mm 0 2mm; color: #123a5c; border-bottom: 1px solid #c9d6e3; padding-bottom: 1mm; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 1px solid #c9d6e3; padding: 1.2mm 2mm; text-align: left; vertical-align: top; }
th { background: #eef3f8; font-weight: 600; }
dl { display: grid; grid-template-columns: minmax(35mm, max-content) 1fr; gap: 1mm 4mm; margin: 2mm 0; }
dt { color: #555; }
dd { margin: 0; white-space: pre-line; }
ul { margin: 1mm 0; padding-left: 6mm; }
.warning { background: #fff4e0; border-left: 3px solid #c77700; padding: 1.5mm 3mm; }
.muted { color: #555; }
footer { margin-top: 10mm; border-top: 1px solid #ccc; padding-top: 2mm; color: #555; font-size: 9pt; }
@media print { body { padding: 0; max-width: none; } th, .warning { -webkit-print-color-adjust: exact; print-color-adjust: exact; } tr, dl { break-inside: avoid; } }
`;

function block(b: ReportBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h2>${e(b.text)}</h2>`;
    case 'subheading':
      return `<h3>${e(b.text)}</h3>`;
    case 'paragraph':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${e(b.text)}</p>`;
    case 'facts':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${e(v)}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table><thead><tr>${b.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
  }
}

export function reportHtml(doc: ReportDoc): string {
  return `<!doctype html>
<html lang="${doc.language}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(doc.title)}</title>
<style>${CSS}</style></head>
<body>
<header><h1>${e(doc.title)}</h1><p class="sub">${e(doc.subtitle)}</p></header>
${doc.blocks.map(block).join('\n')}
<footer>${e(doc.footer)}</footer>
</body></html>
`;
}
