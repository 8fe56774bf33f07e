/** Settings → Backups: the folder backups go to, how often one is due and how many are kept (admins change them). */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDto } from '../../../shared/dto/index';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';

type BackupSettings = Pick<SettingsDto, 'backupFolder' | 'backupEveryDays' | 'backupKeep'>;

export function BackupsSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const settings = useStore((s) => s.settings);
  return (
    <section className="panel" aria-labelledby="settings-backups">
      <h2 className="panel__title" id="settings-backups">
        {t('settings.backups.title')}
      </h2>
      <p className="panel__intro">{t('settings.backups.intro')}</p>
      {!settings ? (
        <p className="muted">{t('common.loading')}</p>
      ) : isAdmin ? (
        <BackupsForm saved={settings} />
      ) : (
        <>
          <dl className="facts">
            <dt>{t('settings.backups.folder')}</dt>
            <dd>{settings.backupFolder ?? t('backups.folderNone')}</dd>
            <dt>{t('settings.backups.everyDays')}</dt>
            <dd>{settings.backupEveryDays}</dd>
            <dt>{t('settings.backups.keep')}</dt>
            <dd>{settings.backupKeep}</dd>
          </dl>
          <p className="muted">{t('settings.autoLock.adminOnly')}</p>
        </>
      )}
    </section>
  );
}

const wholeIn = (text: string, min: number, max: number) => /^\d+$/.test(text) && Number(text) >= min && Number(text) <= max;

function BackupsForm({ saved }: { saved: BackupSettings }) {
  const { t } = useTranslation();
  const saveSettings = useStore((s) => s.saveSettings);
  const [folder, setFolder] = useState(saved.backupFolder ?? '');
  const [everyDays, setEveryDays] = useState(String(saved.backupEveryDays));
  const [keep, setKeep] = useState(String(saved.backupKeep));
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const save = useTask(saveSettings);
  const edited =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setDone(false);
    };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const wrong = !wholeIn(everyDays, 1, 90) ? t('settings.backups.everyDaysRange') : !wholeIn(keep, 1, 100) ? t('settings.backups.keepRange') : null;
    setProblem(wrong);
    setDone(false);
    if (!wrong) void save.run({ backupFolder: folder.trim() || null, backupEveryDays: Number(everyDays), backupKeep: Number(keep) }).then(setDone);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <TextField label={t('settings.backups.folder')} help={t('settings.backups.folderHelp')} value={folder} onChange={edited(setFolder)} autoComplete="off" spellCheck={false} />
      <TextField label={t('settings.backups.everyDays')} type="number" inputMode="numeric" min={1} max={90} value={everyDays} onChange={edited(setEveryDays)} />
      <TextField label={t('settings.backups.keep')} type="number" inputMode="numeric" min={1} max={100} value={keep} onChange={edited(setKeep)} />
      <Problem text={problem} />
      <ErrorMessage error={save.error} />
      <Success text={done ? t('common.saved') : null} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('common.save')}
        </button>
      </div>
    </form>
  );
}
