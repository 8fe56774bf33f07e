/** Backups: make one now, the last one and whether one is due, each backup with the erased people it still holds, and those Registre deleted. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDto, BackupRegisterDto } from '../../../shared/dto/backup';
import { api, ApiError } from '../../api';
import { ErrorMessage, Success } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { describeError } from '../../errors';
import { formatDateMinute, formatDay, formatNumber } from '../../format';
import { selectCanWrite, selectMe, useStore } from '../../store';
import { useTask } from '../../use-task';

const megabytes = (bytes: number) => formatNumber(Math.round(bytes / 100_000) / 10);

function DueNotice({ register }: { register: BackupRegisterDto }) {
  const { t } = useTranslation();
  const failure = register.scheduledFailure;
  return (
    <>
      {register.overdue && (
        <p className="message message--warning" role="status" data-testid="backup-overdue">
          {register.overdueReason === 'no_folder' ? t('backups.noFolder') : register.overdueReason === 'never' ? t('backups.never') : t('backups.overdue', { days: register.everyDays })}
        </p>
      )}
      {failure && (
        <p className="message message--warning" role="status">
          {t('backups.scheduledFailed', { when: formatDateMinute(failure.at), why: describeError(new ApiError(failure.code, failure.message, failure.reason ? { reason: failure.reason } : {}), t) })}
        </p>
      )}
    </>
  );
}

/** The backup's folder, for pasting into the unlock screen's restore (the settings are unreadable there). */
function CopyPath({ path }: { path: string }) {
  const { t } = useTranslation();
  const text = useRef<HTMLSpanElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = () =>
    navigator.clipboard.writeText(path).then(
      () => setCopied(true),
      // No clipboard (permission refused): the path is selected for Ctrl+C instead.
      () => text.current && window.getSelection()?.selectAllChildren(text.current),
    );
  return (
    <div className="folder-row" data-testid="backup-path">
      <span className="folder-row__path" ref={text}>
        {path}
      </span>
      <button type="button" className="button button--secondary button--small" onClick={() => void copy()}>
        {copied ? t('backups.copied') : t('backups.copyPath')}
      </button>
    </div>
  );
}

function BackupRows({ items }: { items: BackupDto[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="backups-table">
        <caption className="sr-only">{t('backups.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('backups.columns.date')}</th>
            <th scope="col" className="num">
              {t('backups.columns.size')}
            </th>
            <th scope="col" className="num">
              {t('backups.columns.erased')}
            </th>
            <th scope="col">{t('backups.columns.keptUntil')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((b) => (
            <tr key={b.name}>
              <td>
                {formatDateMinute(b.createdAt)}
                <CopyPath path={b.path} />
              </td>
              <td className="num">{megabytes(b.bytes)}</td>
              <td className="num">{formatNumber(b.erasedSince)}</td>
              <td>{b.keptUntil ? t('backups.about', { day: formatDay(b.keptUntil, false) }) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function Backups() {
  const { t } = useTranslation();
  const me = useStore(selectMe);
  const canWrite = useStore(selectCanWrite);
  const navigate = useStore((s) => s.navigate);
  const [register, setRegister] = useState<BackupRegisterDto | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [made, setMade] = useState<BackupDto | null>(null);
  const load = useCallback(() => api.call('backups.list', {}).then(setRegister, setLoadError), []);
  const make = useTask(async () => {
    setMade(null);
    setMade(await api.call('backups.make', {}));
    void useStore.getState().refreshBackupOverdue();
    await load();
  });

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('backups.title')}</ScreenTitle>
          <p className="lead">{t('backups.intro')}</p>
        </div>
        {register && canWrite && (
          <div className="record-actions">
            <button type="button" className="button button--primary" onClick={() => void make.run()} disabled={make.pending || !register.folder}>
              {make.pending ? t('backups.making') : t('backups.makeNow')}
            </button>
          </div>
        )}
      </header>
      <ErrorMessage error={loadError} />
      <ErrorMessage error={make.error} />
      <Success text={made ? t('backups.made', { path: made.path }) : null} />
      {!register && !loadError && <p className="muted">{t('common.loading')}</p>}
      {register && (
        <>
          <DueNotice register={register} />
          <dl className="facts">
            <dt>{t('backups.folder')}</dt>
            <dd data-testid="backup-folder">{register.folder ?? t('backups.folderNone')}</dd>
            <dt>{t('backups.last')}</dt>
            <dd data-testid="backup-last">{register.lastBackupAt ? formatDateMinute(register.lastBackupAt) : t('backups.lastNone')}</dd>
            <dt>{t('backups.schedule')}</dt>
            <dd>
              {t('backups.scheduleText', { count: register.everyDays, keep: register.keep })}
              {register.nextDueOn && !register.overdue && ` ${t('backups.nextDue', { day: formatDay(register.nextDueOn, false) })}`}{' '}
              <button type="button" className="button button--quiet" onClick={() => navigate('settings')} title={me?.role === 'admin' ? t('backups.changeInSettings') : t('backups.adminChanges')}>
                {me?.role === 'admin' ? t('backups.openSettings') : t('backups.seeSettings')}
              </button>
            </dd>
          </dl>
          <h2 className="section-title">{t('backups.listTitle')}</h2>
          <p className="muted small">{t('backups.beyondUse')}</p>
          {register.items.length === 0 ? (
            <p className="muted">{t('backups.empty')}</p>
          ) : (
            <>
              <BackupRows items={register.items} />
              <p className="small" data-testid="backup-restore-how">
                {t('backups.restoreHow')}
              </p>
            </>
          )}
          {register.deleted.length > 0 && (
            <>
              <h2 className="section-title">{t('backups.deletedTitle')}</h2>
              <ul className="plain-list" data-testid="backups-deleted">
                {register.deleted.map((d) => (
                  <li key={`${d.folder}/${d.name}`}>{t('backups.deletedLine', { made: formatDateMinute(d.createdAt), when: formatDateMinute(d.deletedAt), why: t(`backups.reasons.${d.reason}`) })}</li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
