import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactListItemDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { useDebounced } from '../../use-debounced';

const SHOWN = 6;

/** A contact found by name as it is typed (contacts.search folds accents and case); picking one hands it over. */
export function PersonPicker({ onPick }: { onPick: (person: { id: string; name: string }) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [typed, setTyped] = useState('');
  const query = useDebounced(typed.trim(), 250);
  // Kept with the query it answers, so a shorter query shows nothing without clearing state in the effect.
  const [answer, setAnswer] = useState<{ query: string; items: ContactListItemDto[] } | null>(null);
  useEffect(() => {
    if (query.length < 2) return;
    let live = true;
    api.call('contacts.search', { query, archived: 'include', limit: SHOWN }).then(
      (page) => live && setAnswer({ query, items: page.items }),
      () => live && setAnswer({ query, items: [] }),
    );
    return () => {
      live = false;
    };
  }, [query]);
  const found = query.length >= 2 && answer?.query === query ? answer.items : null;
  return (
    <div className="field person-picker">
      <label className="field__label" htmlFor={id}>
        {t('audit.filters.person')}
      </label>
      <input
        id={id}
        className="input"
        type="search"
        value={typed}
        placeholder={t('audit.filters.personSearch')}
        autoComplete="off"
        onChange={(e) => setTyped(e.target.value)}
        data-testid="audit-person"
      />
      {found && (
        <ul className="person-picker__list" aria-label={t('audit.filters.person')}>
          {found.length === 0 && <li className="muted small">{t('audit.filters.personNone')}</li>}
          {found.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="person-picker__choice"
                onClick={() => {
                  onPick({ id: c.id, name: c.fullName });
                  setTyped('');
                }}
              >
                {c.fullName}
                {c.organisationName && <span className="muted small"> · {c.organisationName}</span>}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
