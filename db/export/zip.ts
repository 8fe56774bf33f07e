/**
 * Zip archives for bundles, through zip.js (it writes and reads WinZip AES-256, which
 * 7-Zip, WinZip and WinRAR open; Windows Explorer's own zip folders do not read AES).
 * Web workers are off: under Node and in Electron's main process the library runs inline.
 */
import { configure, Uint8ArrayReader, Uint8ArrayWriter, ZipReader, ZipWriter } from '@zip.js/zip.js';
import { readFileSync } from 'node:fs';
import type { ExportFile } from './output-file';

configure({ useWebWorkers: false });

export interface ZipEntryInput {
  name: string;
  content: string | Uint8Array;
}

/**
 * Writes the entries as one zip into `file` (streamed: each compressed chunk goes straight
 * to the file). With a password every entry is AES-256 encrypted.
 */
export async function writeZip(file: ExportFile, entries: readonly ZipEntryInput[], password?: string): Promise<void> {
  const sink = new WritableStream<Uint8Array>({ write: (chunk) => file.write(chunk) });
  const writer = new ZipWriter(sink, password ? { password, encryptionStrength: 3 } : {});
  for (const entry of entries) {
    const bytes = typeof entry.content === 'string' ? new TextEncoder().encode(entry.content) : entry.content;
    await writer.add(entry.name, new Uint8ArrayReader(bytes));
  }
  await writer.close();
}

export interface ZipEntryContent {
  name: string;
  /** A folder entry (its name ends in "/"); it holds no bytes. */
  directory: boolean;
  encrypted: boolean;
  bytes: Uint8Array;
}

/**
 * Reads every entry of a zip on disk, in the order of its central directory, folders and
 * repeated names included (verify must see what a zip tool would unpack). A wrong or
 * missing password for an encrypted zip throws the library's error ("Invalid password" /
 * "File contains encrypted entry").
 */
export async function readZip(path: string, password?: string): Promise<ZipEntryContent[]> {
  const reader = new ZipReader(new Uint8ArrayReader(readFileSync(path)));
  try {
    const out: ZipEntryContent[] = [];
    for (const entry of await reader.getEntries()) {
      const bytes = entry.directory ? new Uint8Array(0) : await entry.getData(new Uint8ArrayWriter(), password ? { password } : {});
      out.push({ name: entry.filename, directory: entry.directory, encrypted: entry.encrypted, bytes });
    }
    return out;
  } finally {
    await reader.close();
  }
}
