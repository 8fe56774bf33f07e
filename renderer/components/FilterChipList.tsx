/** Every filter in force, each with its × to remove it: the Contacts list and the Audit log alike. */
export interface FilterChip<C> {
  key: string;
  words: string;
  clear: C;
}

interface Props<C> {
  chips: ReadonlyArray<FilterChip<C>>;
  /** The list's name for screen readers ("Filters in force"). */
  label: string;
  /** The × button's name for one chip ("Remove filter: …"). */
  removeLabel: (words: string) => string;
  onRemove: (clear: C) => void;
}

export function FilterChipList<C>({ chips, label, removeLabel, onRemove }: Props<C>) {
  if (chips.length === 0) return null;
  return (
    <ul className="filter-chips" aria-label={label}>
      {chips.map((c) => (
        <li key={c.key} className="chip" data-filter={c.key}>
          {c.words}
          <button type="button" className="chip__remove" aria-label={removeLabel(c.words)} title={removeLabel(c.words)} onClick={() => onRemove(c.clear)}>
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
