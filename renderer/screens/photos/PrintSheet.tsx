import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';

/**
 * Shows the core's printable page inside the app and opens the print dialog. The page's
 * own <style> cannot run under the app's Content-Security-Policy (no inline styles), so
 * only its body is taken, parsed inert by DOMParser (no script runs, every value already
 * escaped by the core), and styles/photos.css gives it the same A4 look.
 */
export function PrintSheet({ html, onPrinted }: { html: string; onPrinted: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const sheet = ref.current;
    if (!sheet) return;
    // Parsing the page's <style> at all is reported as a CSP violation: leave the head out.
    const body = /<body>([\s\S]*)<\/body>/.exec(html)?.[1] ?? '';
    const doc = new DOMParser().parseFromString(body, 'text/html');
    sheet.replaceChildren(...Array.from(doc.body.childNodes, (n) => document.importNode(n, true)));
    document.body.classList.add('photo-printing');
    // Names and photos stay in the page no longer than the print dialog is open.
    window.addEventListener('afterprint', onPrinted, { once: true });
    const timer = setTimeout(() => window.print(), 0);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('afterprint', onPrinted);
      document.body.classList.remove('photo-printing');
    };
  }, [html, onPrinted]);
  return createPortal(<div ref={ref} className="photo-print" data-testid="photo-print" />, document.body);
}
