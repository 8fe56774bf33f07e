import { useTranslation } from 'react-i18next';
import type { RequestAttachmentDto, RequestDetailDto } from '../../../shared/dto/requests';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/api/request-work';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDateMinute, formatNumber } from '../../format';
import { readBase64 } from '../../read-file';
import { safeFileName, saveBytesFile } from '../../save-text-file';
import { useTask } from '../../use-task';

const kib = (bytes: number) => formatNumber(Math.max(1, Math.round(bytes / 1024)));

/**
 * What the requester sent (their letter, a scan), kept encrypted in the vault with the
 * request; opened by saving a copy, which the person's erasure cannot reach afterwards.
 */
export function RequestFiles({ request, canWrite, onChanged }: { request: RequestDetailDto; canWrite: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const attach = useTask(async (file: File) => {
    if (file.size > ATTACHMENT_MAX_BYTES) throw new Error(t('requests.files.tooLarge', { max: kib(ATTACHMENT_MAX_BYTES) }));
    await api.call('requests.attach', { id: request.id, fileName: file.name, contentType: file.type || 'application/octet-stream', contentBase64: await readBase64(file) });
    onChanged();
  });
  const save = useTask(async (a: RequestAttachmentDto) => {
    const f = await api.call('requests.attachment', { id: request.id, attachmentId: a.id });
    // The dialog accepts plain names only: the stored name, cleaned, with its own extension.
    const extension = /\.([a-zA-Z0-9]{1,10})$/.exec(f.fileName)?.[1] ?? 'bin';
    await saveBytesFile(`${safeFileName(f.fileName, 'attachment')}.${extension}`, f.contentType, f.contentBase64);
  });
  const remove = useTask(async (a: RequestAttachmentDto) => {
    await api.call('requests.removeAttachment', { id: request.id, attachmentId: a.id });
    onChanged();
  });
  return (
    <section className="panel" data-testid="request-files">
      <h2 className="panel__title">{t('requests.files.title')}</h2>
      {request.attachments.length === 0 && <p className="muted">{t('requests.files.none')}</p>}
      {request.attachments.length > 0 && (
        <ul className="plain-list">
          {request.attachments.map((a) => (
            <li key={a.id} className="request-file">
              <span>
                <strong>{a.fileName}</strong>
                <span className="muted small"> {t('requests.files.size', { size: kib(a.size), at: formatDateMinute(a.addedAt) })}</span>
              </span>
              <span className="request-file__actions">
                <button type="button" className="button button--quiet button--small" disabled={save.pending} onClick={() => void save.run(a)}>
                  {t('requests.files.save')}
                </button>
                {canWrite && !request.closedDate && (
                  <button type="button" className="button button--quiet button--small" disabled={remove.pending} onClick={() => void remove.run(a)}>
                    {t('common.remove')}
                  </button>
                )}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canWrite && (
        <div className="file-pick file-pick--panel">
          <label className="button button--secondary button--small file-pick__button">
            {attach.pending ? t('common.saving') : t('requests.files.attach')}
            <input
              type="file"
              className="sr-only"
              data-testid="request-file-input"
              disabled={attach.pending}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) void attach.run(file);
                e.target.value = '';
              }}
            />
          </label>
          <span className="muted small">{t('requests.files.help')}</span>
        </div>
      )}
      <ErrorMessage error={attach.error ?? save.error ?? remove.error} />
    </section>
  );
}
