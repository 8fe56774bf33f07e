import { useCallback, useRef, useState } from 'react';
import type { Input } from '../../../../shared/api/index';
import type { ImportPreviewDto, ImportResultDto } from '../../../../shared/dto/index';
import type { PurposeDto } from '../../../../shared/dto/register';
import { DEFAULT_IMPORT_PURPOSE, MAX_IMPORT_BYTES } from '../../../../shared/import-format';
import { api } from '../../../api';
import { readBase64 } from '../../../read-file';
import { useStore } from '../../../store';

export interface ChosenFile {
  name: string;
  size: number;
  base64: string;
}

/** How the file is read; everything but the country is detected unless the user overrides it. */
export type ReadChoices = Pick<Input<'contacts.importPreview'>, 'encoding' | 'delimiter' | 'mapping' | 'consentPurpose'> & { defaultCountry: string };

/** A problem the renderer finds before asking the core. */
export type FileProblem = 'tooLarge' | 'unreadable';

/** A new file starts from detection, and from the vault's home country for local numbers. */
async function firstChoices(): Promise<ReadChoices> {
  const { ensureSettings } = useStore.getState();
  await ensureSettings().catch(() => undefined);
  return { defaultCountry: useStore.getState().settings?.homeCountry ?? 'BE' };
}

/**
 * The import page's state: the chosen file, the user's overrides, the latest preview and
 * the commit. Every change of a choice previews again, so the counts always describe
 * what the Import button would do.
 */
export function useContactImport() {
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileProblem, setFileProblem] = useState<FileProblem | null>(null);
  const [choices, setChoices] = useState<ReadChoices>({ defaultCountry: 'BE' });
  const [preview, setPreview] = useState<ImportPreviewDto | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [checking, setChecking] = useState(false);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [committing, setCommitting] = useState(false);
  const [commitError, setCommitError] = useState<unknown>(null);
  const [result, setResult] = useState<ImportResultDto | null>(null);
  // The purposes a file's consent columns can be for: only those that rest on consent.
  const [consentPurposes, setConsentPurposes] = useState<PurposeDto[]>([]);
  // Only the answer to the latest request counts: choices can change faster than previews run.
  const latest = useRef(0);

  const runPreview = useCallback(async (chosen: ChosenFile, next: ReadChoices) => {
    const seq = ++latest.current;
    setChecking(true);
    setCommitError(null);
    try {
      // The file's name is the evidence of the consents it brings, and tells a re-import apart.
      const answer = await api.call('contacts.importPreview', { contentBase64: chosen.base64, fileName: chosen.name, ...next });
      if (seq !== latest.current) return;
      setPreview(answer);
      setPreviewError(null);
    } catch (e) {
      if (seq === latest.current) setPreviewError(e);
    } finally {
      if (seq === latest.current) setChecking(false);
    }
  }, []);

  const choose = useCallback(
    async (picked: File) => {
      // An answer about the previous file, still on its way, must not land on this one.
      latest.current++;
      setPreview(null);
      setCommitError(null);
      setPreviewError(null);
      setResult(null);
      setSkipInvalid(false);
      setFile(null);
      if (picked.size > MAX_IMPORT_BYTES) return setFileProblem('tooLarge');
      let base64: string;
      try {
        base64 = await readBase64(picked);
      } catch {
        return setFileProblem('unreadable');
      }
      setFileProblem(null);
      const chosen = { name: picked.name, size: picked.size, base64 };
      const first = await firstChoices();
      if (consentPurposes.length === 0) {
        const purposes = await api.call('purposes.list', {}).catch(() => []);
        setConsentPurposes(purposes.filter((p) => p.lawfulBasis === 'consent'));
      }
      setFile(chosen);
      setChoices(first);
      await runPreview(chosen, first);
    },
    [consentPurposes.length, runPreview],
  );

  const change = useCallback(
    (patch: Partial<ReadChoices>) => {
      if (!file) return;
      // Read differently, the headers may change too: let the core match the columns afresh.
      const next = { ...choices, ...patch, ...('encoding' in patch || 'delimiter' in patch ? { mapping: undefined } : {}) };
      setChoices(next);
      void runPreview(file, next);
    },
    [choices, file, runPreview],
  );

  const recheck = useCallback(() => {
    if (file) void runPreview(file, choices);
  }, [choices, file, runPreview]);

  const commit = useCallback(async () => {
    if (!file || !preview || committing) return;
    setCommitting(true);
    setCommitError(null);
    try {
      setResult(
        await api.call('contacts.importCommit', {
          contentBase64: file.base64,
          fileName: file.name,
          encoding: preview.encoding,
          delimiter: preview.delimiter,
          defaultCountry: choices.defaultCountry,
          consentPurpose: choices.consentPurpose,
          // Exactly what the preview showed, so the commit cannot read the file another way.
          mapping: preview.mapping,
          skipInvalid,
          expected: preview.counts,
        }),
      );
    } catch (e) {
      setCommitError(e);
    } finally {
      setCommitting(false);
    }
  }, [choices.consentPurpose, choices.defaultCountry, committing, file, preview, skipInvalid]);

  const restart = useCallback(() => {
    latest.current++;
    setFile(null);
    setPreview(null);
    setPreviewError(null);
    setCommitError(null);
    setResult(null);
    setSkipInvalid(false);
  }, []);

  const purpose = consentPurposes.find((p) => p.code === (choices.consentPurpose ?? DEFAULT_IMPORT_PURPOSE)) ?? null;

  return {
    file,
    fileProblem,
    choices,
    consentPurposes,
    purpose,
    preview,
    previewError,
    checking,
    skipInvalid,
    setSkipInvalid,
    committing,
    commitError,
    result,
    choose,
    change,
    recheck,
    commit,
    restart,
  };
}

export type ContactImport = ReturnType<typeof useContactImport>;
