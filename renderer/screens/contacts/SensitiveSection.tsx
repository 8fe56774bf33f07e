import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SensitiveItemDto, SensitiveRevealDto } from '../../../shared/dto/index';
import { sensitiveCategories, type SensitiveCategory } from '../../../shared/vocabulary';
import { api } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatDate } from '../../format';
import { selectCanWrite, selectRole, useStore } from '../../store';
import { useTask } from '../../use-task';
import { EraseDialog } from '../erasure/EraseDialog';
import { AddSensitiveForm } from './AddSensitiveForm';
import { maskedWords, revealedWords } from './sensitive-words';

function Revealed({ value }: { value: SensitiveRevealDto }) {
  const { t, i18n } = useTranslation();
  const label = (k: string) => (i18n.exists(`sensitive.valueNames.${k}`) ? (t as unknown as (key: string) => string)(`sensitive.valueNames.${k}`) : k);
  return (
    <div className="sensitive-item__revealed" data-testid="revealed">
      {Object.entries(value.values).map(([k, v]) => (
        <div key={k}>
          <span className="muted">{label(k)}:</span> <span className={k === 'iban' || k === 'bic' || k === 'number' ? 'sensitive-item__value' : undefined}>{revealedWords(t, k, v)}</span>
        </div>
      ))}
      {value.file &&
        (value.file.contentType.startsWith('image/') ? (
          <img className="sensitive-item__thumbnail" src={`data:${value.file.contentType};base64,${value.file.base64}`} alt={t('sensitive.photoAlt')} />
        ) : (
          <a href={`data:${value.file.contentType};base64,${value.file.base64}`} download={`attendance.${value.file.contentType.split('/')[1] ?? 'bin'}`}>
            {t('sensitive.download')}
          </a>
        ))}
    </div>
  );
}

function Item(props: { item: SensitiveItemDto; canReveal: boolean; canWrite: boolean; onRemove: () => void; onRevealed: () => void }) {
  const { item, canReveal, canWrite, onRemove } = props;
  const { t } = useTranslation();
  const [shown, setShown] = useState<SensitiveRevealDto | null>(null);
  const reveal = useTask(async () => {
    setShown(await api.call('sensitive.reveal', { id: item.id }));
    // The reveal is a new line in the person's history.
    props.onRevealed();
  });
  return (
    <li className="sensitive-item" data-testid="sensitive-item">
      <div>
        <strong>{t(`sensitive.categories.${item.category}`)}</strong>{' '}
        <span className="sensitive-item__value" data-testid="masked">
          {maskedWords(t, item)}
        </span>
        <div className="muted small">{t('sensitive.keptBecause', { reason: item.reason, date: formatDate(item.createdAt) })}</div>
      </div>
      <div className="record-actions">
        {canReveal &&
          (shown ? (
            <button type="button" className="button button--secondary button--small" onClick={() => setShown(null)}>
              {t('sensitive.hide')}
            </button>
          ) : (
            <button type="button" className="button button--secondary button--small" onClick={() => void reveal.run()} disabled={reveal.pending}>
              {t('sensitive.reveal')}
            </button>
          ))}
        {canWrite && (
          <button type="button" className="button button--quiet button--small" onClick={onRemove}>
            {t('common.remove')}
          </button>
        )}
      </div>
      {shown && <Revealed value={shown} />}
      {reveal.error !== null && (
        <div style={{ gridColumn: '1 / -1' }}>
          <ErrorMessage error={reveal.error} />
        </div>
      )}
    </li>
  );
}

export function SensitiveSection({ contact, onChanged }: { contact: { id: string; name: string }; onChanged: () => void }) {
  const contactId = contact.id;
  const { t } = useTranslation();
  const role = useStore(selectRole);
  const canWrite = useStore(selectCanWrite);
  const [items, setItems] = useState<SensitiveItemDto[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [auditorsMayReveal, setAuditorsMayReveal] = useState(false);
  const [removing, setRemoving] = useState<SensitiveItemDto | null>(null);
  const [adding, setAdding] = useState(false);
  const [erasing, setErasing] = useState<SensitiveCategory | null>(null);
  const openContact = useStore((s) => s.openContact);

  const reload = useCallback(() => api.call('sensitive.list', { contactId }).then(setItems, setLoadError), [contactId]);
  useEffect(() => {
    void reload();
  }, [reload]);
  useEffect(() => {
    if (role === 'auditor')
      api.call('settings.get', {}).then(
        (s) => setAuditorsMayReveal(s.auditorsMayReveal),
        () => setAuditorsMayReveal(false),
      );
  }, [role]);

  const remove = useTask(async (id: string) => {
    await api.call('sensitive.remove', { id });
    setRemoving(null);
    await reload();
    onChanged();
  });
  const canReveal = role !== 'auditor' || auditorsMayReveal;
  const present = sensitiveCategories.filter((c) => items?.some((i) => i.category === c));

  return (
    <section className="panel" data-testid="sensitive-section">
      <h2 className="panel__title">{t('sensitive.title')}</h2>
      <p className="panel__intro">{canReveal ? t('sensitive.intro') : t('sensitive.auditorNoReveal')}</p>
      <ErrorMessage error={loadError} />
      {items && items.length === 0 && <p className="muted">{t('sensitive.empty')}</p>}
      {items && items.length > 0 && (
        <ul className="sensitive-list">
          {items.map((item) => (
            <Item key={item.id} item={item} canReveal={canReveal} canWrite={canWrite} onRemove={() => setRemoving(item)} onRevealed={onChanged} />
          ))}
        </ul>
      )}
      {canWrite && present.length > 0 && (
        <div className="record-actions" data-testid="erase-categories">
          {present.map((c) => (
            <button key={c} type="button" className="button button--danger-quiet button--small" onClick={() => setErasing(c)}>
              {t(`sensitive.eraseCategory.${c}`)}
            </button>
          ))}
        </div>
      )}
      {canWrite &&
        (adding ? (
          <AddSensitiveForm
            contactId={contactId}
            onCancel={() => setAdding(false)}
            onAdded={() => {
              setAdding(false);
              void reload();
              onChanged();
            }}
          />
        ) : (
          <button type="button" className="button button--secondary" onClick={() => setAdding(true)}>
            {t('sensitive.add')}
          </button>
        ))}
      {erasing && (
        <EraseDialog
          contact={contact}
          category={erasing}
          onClose={() => setErasing(null)}
          onErased={(done) => {
            setErasing(null);
            // Only a category erasure leaves the person as they were; after the others their page is gone.
            if (done.kind !== 'category') return openContact(null);
            void reload();
            onChanged();
          }}
        />
      )}
      <ConfirmDialog
        open={removing !== null}
        title={t('sensitive.removeTitle')}
        confirmLabel={t('common.remove')}
        danger
        pending={remove.pending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && void remove.run(removing.id)}
      >
        <p>{removing && t('sensitive.removeText', { what: t(`sensitive.categories.${removing.category}`), masked: removing.masked })}</p>
        <ErrorMessage error={remove.error} />
      </ConfirmDialog>
    </section>
  );
}
