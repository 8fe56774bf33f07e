import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mergeTakeFields, type MergeTakeField } from '../../../shared/api/contacts';
import type { ContactDto, ContactListItemDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/Field';
import { useDebounced } from '../../use-debounced';
import { useTask } from '../../use-task';
import { contactFieldViews } from './contact-values';

type Pair = { keep: ContactDto; other: ContactDto };
type Take = Partial<Record<MergeTakeField, 'other'>>;

/** Where both records have a value and the values differ the user chooses; where only the other has one it fills the kept record. */
function MergeChoices({ pair, take, onTake, disabled }: { pair: Pair; take: Take; onTake: (t: Take) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const rows = mergeTakeFields.flatMap((field) => {
    const view = contactFieldViews[field];
    const kept = view.stored(pair.keep);
    const other = view.stored(pair.other);
    if (other === null || kept === other) return [];
    return [{ field, label: view.label(t), kept: view.shown(pair.keep, t), other: view.shown(pair.other, t), filled: kept === null }];
  });
  if (rows.length === 0) return null;
  const choice = (field: MergeTakeField, side: 'keep' | 'other', value: string | null) => (
    <label className="merge-choices__value">
      <input type="radio" name={`merge-${field}`} checked={(take[field] ?? 'keep') === side} onChange={() => onTake({ ...take, [field]: side === 'other' ? 'other' : undefined })} />
      <span>{value}</span>
    </label>
  );
  return (
    <fieldset className="fieldset" disabled={disabled}>
      <legend className="field__label">{t('contacts.merge.choices')}</legend>
      <table className="table merge-choices" data-testid="merge-choices">
        <thead>
          <tr>
            <th scope="col">{t('contacts.merge.field')}</th>
            <th scope="col">{t('contacts.merge.keepValue')}</th>
            <th scope="col">{t('contacts.merge.otherValue')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.field}>
              <th scope="row">{r.label}</th>
              {r.filled ? (
                <>
                  <td className="muted small">{t('contacts.merge.filled')}</td>
                  <td>{r.other}</td>
                </>
              ) : (
                <>
                  <td>{choice(r.field, 'keep', r.kept)}</td>
                  <td>{choice(r.field, 'other', r.other)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

/** Pick the other record, then confirm, choosing field by field whose value stays: the other one's history moves into this one. */
export function MergeDialog({ keep, onClose, onMerged }: { keep: ContactDto; onClose: () => void; onMerged: (c: ContactDto) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [found, setFound] = useState<ContactListItemDto[]>([]);
  const [chosen, setChosen] = useState<ContactListItemDto | null>(null);
  const [pair, setPair] = useState<Pair | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [take, setTake] = useState<Take>({});
  const choose = (c: ContactListItemDto | null) => {
    setChosen(c);
    setPair(null);
    setLoadError(null);
    setTake({});
  };

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

  // Both records as they are now, so the choices show every field the merge may take.
  useEffect(() => {
    if (!chosen) return;
    let current = true;
    Promise.all([api.call('contacts.get', { id: keep.id }), api.call('contacts.get', { id: chosen.id })]).then(
      ([k, o]) => current && setPair({ keep: k, other: o }),
      (e: unknown) => current && setLoadError(e),
    );
    return () => {
      current = false;
    };
  }, [chosen, keep.id]);

  const merge = useTask(async () => {
    if (!chosen) return;
    const taken = Object.keys(take).length > 0 ? { take } : {};
    onMerged(await api.call('contacts.merge', { keepId: keep.id, mergeId: chosen.id, ...taken }));
  });

  return (
    <Dialog open wide title={t('contacts.merge.title', { name: keep.fullName })} busy={merge.pending} onCancel={onClose}>
      {chosen ? (
        <div className="dialog__scroll">
          <p className="dialog__body">{t('contacts.merge.confirm', { other: chosen.fullName, keep: keep.fullName })}</p>
          {pair ? <MergeChoices pair={pair} take={take} onTake={setTake} disabled={merge.pending} /> : !loadError && <p className="muted">{t('common.loading')}</p>}
          <ErrorMessage error={loadError} />
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
                <button type="button" className="button button--secondary button--small" onClick={() => choose(c)}>
                  {t('contacts.merge.choose')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <ErrorMessage error={merge.error} />
      <div className="dialog__actions">
        <button type="button" className="button button--secondary" onClick={chosen ? () => choose(null) : onClose} disabled={merge.pending}>
          {chosen ? t('contacts.merge.back') : t('common.cancel')}
        </button>
        {chosen && (
          <button type="button" className="button button--danger" onClick={() => void merge.run()} disabled={merge.pending || !pair}>
            {t('contacts.merge.do')}
          </button>
        )}
      </div>
    </Dialog>
  );
}
