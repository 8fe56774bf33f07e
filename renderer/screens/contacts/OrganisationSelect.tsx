import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganisationDto } from '../../../shared/dto/index';
import { api } from '../../api';
import { countryName } from '../../options';
import { useDebounced } from '../../use-debounced';

interface Props {
  label: string;
  value: { id: string; name: string } | null;
  onChange: (org: { id: string; name: string } | null) => void;
  emptyLabel: string;
  invalid?: boolean;
}

/** A select over organisations, with a search box so a long list stays usable; type and country tell apart two of the same name. */
export function OrganisationSelect({ label, value, onChange, emptyLabel, invalid }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const settled = useDebounced(query, 150);
  const [found, setFound] = useState<OrganisationDto[]>([]);

  useEffect(() => {
    let current = true;
    api.call('organisations.list', { query: settled.trim() || undefined, limit: 50 }).then(
      (page) => current && setFound(page.items),
      () => current && setFound([]),
    );
    return () => {
      current = false;
    };
  }, [settled]);

  const optionLabel = (o: OrganisationDto | { name: string }) =>
    'type' in o ? `${o.name} (${[t(`organisations.types.${o.type}`), o.country && countryName(o.country)].filter(Boolean).join(', ')})` : o.name;
  const options = value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <div className="picker">
        <input
          className="input picker__search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('organisations.searchPlaceholder')}
          aria-label={t('organisations.searchLabel')}
        />
        <select
          id={id}
          className="input"
          value={value?.id ?? ''}
          aria-invalid={invalid || undefined}
          onChange={(e) => {
            const org = options.find((o) => o.id === e.target.value);
            onChange(org ? { id: org.id, name: org.name } : null);
          }}
        >
          <option value="">{emptyLabel}</option>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {optionLabel(o)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
