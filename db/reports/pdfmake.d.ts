/** The part of pdfmake 0.3's Node API the reports use (the package ships no types). */
declare module 'pdfmake' {
  interface PdfDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(doc: Record<string, unknown>): PdfDocument;
    /** pdfmake's in-memory files: fonts put here are read from memory, never from disk. */
    virtualfs: { writeFileSync(name: string, content: Buffer): void };
  }
  const pdfmake: PdfMake;
  export default pdfmake;
}

/** pdfmake's Roboto fonts as base64, one entry per file name. */
declare module 'pdfmake/build/vfs_fonts' {
  const vfs: Record<string, string>;
  export default vfs;
}
