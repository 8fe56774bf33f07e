import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactDto, ContactListItemDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';

/** Pick the other record, then confirm: the other one's history moves into this one. */
export function MergeDialog({ keep, onClose, onMerged }: { keep: ContactDto; onClose: () => void; onMerged: (c: ContactDto) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [found, setFound] = useState<ContactListItemDto[]>([]);
  const [chosen, setChosen] = useState<ContactListItemDto | null>(null);

  useEffect(() => {
    let current = true;
    const q = settled.trim();
    (q ? api.call('contacts.search', { query: q, archived: 'include', limit: 20 }) : Promise.resolve({ items: [], total: 0 })).then(
      (p) => current && setFound(p.items.filter((c) => c.id !== keep.id)),
      () => current && setFound([]),
    );
    return () => {
      current = false;
    };
  }, [settled, keep.id]);

  const merge = useTask(async () => {
    if (chosen) onMerged(await api.call('contacts.merge', { keepId: keep.id, mergeId: chosen.id }));
  });

  return (
    <Dialog open wide title={t('contacts.merge.title', { name: keep.fullName })} busy={merge.pending} onCancel={onClose}>
      {chosen ? (
        <div className="dialog__body">
          <p>{t('contacts.merge.confirm', { other: chosen.fullName, keep: keep.fullName })}</p>
        </div>
      ) : (
        <>
          <TextField label={t('contacts.merge.search')} value={query} onChange={setQuery} autoFocus type="search" />
          <ul className="sensitive-list">
            {found.map((c) => (
              <li key={c.id} className="sensitive-item">
                <div>
                  <strong>{c.fullName}</strong>
                  <div className="muted small">{[c.primaryEmail, c.organisationName].filter(Boolean).join(' · ')}</div>
                </div>
                <button type="button" className="button button--secondary button--small" onClick={() => setChosen(c)}>
                  {t('contacts.merge.choose')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage error={merge.error} />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={chosen ? () => setChosen(null) : onClose} disabled={merge.pending}>
          {chosen ? t('contacts.merge.back') : t('common.cancel')}
        </button>
        {chosen && (
          <button type="button" className="button button--danger" onClick={() => void merge.run()} disabled={merge.pending}>
            {t('contacts.merge.do')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
