import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffDto } from '../../../shared/dto/index';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage, Success } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';
import { AddStaffForm } from './AddStaffForm';
import { ResetPassphraseDialog } from './ResetPassphraseDialog';

export function StaffSection() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const staff = useStore((s) => s.staff);
  const removeStaff = useStore((s) => s.removeStaff);
  const [target, setTarget] = useState<StaffDto | null>(null);
  const [resetting, setResetting] = useState<StaffDto | null>(null);
  // One line of feedback for the last action on the list (removed, new passphrase set).
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useTask(removeStaff);

  const confirmRemoval = () => {
    if (!target) return;
    const name = target.name;
    void remove.run(target.id).then((ok) => {
      setTarget(null);
      if (ok) setNotice(t('settings.staff.removed', { name }));
    });
  };

  return (
    <section className="panel panel--wide" aria-labelledby="settings-staff">
      <h2 className="panel__title" id="settings-staff">
        {t('settings.staff.title')}
      </h2>
      <p className="panel__intro">{t('settings.staff.intro')}</p>
      {!staff ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="staff-table">
            <caption className="sr-only">{t('settings.staff.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('settings.staff.name')}</th>
                <th scope="col">{t('settings.staff.role')}</th>
                <th scope="col">{t('settings.staff.since')}</th>
                {isAdmin && (
                  <th scope="col">
                    <span className="sr-only">{t('settings.staff.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {staff.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.name}
                    {s.isSelf && <span className="muted"> ({t('common.you')})</span>}
                  </td>
                  <td>
                    <span className={`badge badge--${s.role}`}>{t(`roles.${s.role}`)}</span>
                  </td>
                  <td className="nowrap">{formatDate(s.createdAt)}</td>
                  {isAdmin && (
                    <td className="actions">
                      {!s.isSelf && (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('settings.staff.resetLabel', { name: s.name })}
                          onClick={() => {
                            setNotice(null);
                            setResetting(s);
                          }}
                        >
                          {t('settings.staff.reset')}
                        </button>
                      )}
                      {!s.isSelf && (
                        <button
                          type="button"
                          className="button button--quiet button--small"
                          aria-label={t('settings.staff.removeLabel', { name: s.name })}
                          onClick={() => {
                            remove.clearError();
                            setNotice(null);
                            setTarget(s);
                          }}
                        >
                          {t('common.remove')}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorMessage error={remove.error} />
      <Success text={notice} />
      {isAdmin ? <AddStaffForm /> : <p className="muted">{t('settings.staff.adminOnly')}</p>}
      <ResetPassphraseDialog
        person={resetting}
        onClose={() => setResetting(null)}
        onDone={(name) => {
          setResetting(null);
          setNotice(t('settings.staff.resetDone', { name }));
        }}
      />
      <ConfirmDialog
        open={target !== null}
        title={t('settings.staff.removeTitle', { name: target?.name ?? '' })}
        confirmLabel={t('settings.staff.removeConfirm')}
        pendingLabel={t('settings.staff.removing')}
        pending={remove.pending}
        danger
        onConfirm={confirmRemoval}
        onCancel={() => setTarget(null)}
      >
        <p>{t('settings.staff.removeBody', { name: target?.name ?? '' })}</p>
      </ConfirmDialog>
    </section>
  );
}
