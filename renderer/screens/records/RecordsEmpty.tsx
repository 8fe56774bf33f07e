import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../components/Icon';
import { selectCanWrite, useStore } from '../../store';

/**
 * What an empty list of records says: with nothing searched, what goes there and how to add
 * the first one (the add button right there); with a search, that nothing matches it.
 */
export function RecordsEmpty({ route, query, onAdd, children }: { route: 'organisations' | 'projects' | 'events'; query: string; onAdd: () => void; children?: ReactNode }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const typed = query.trim();
  return (
    <div className="empty-state empty-state--list" data-testid={`${route}-empty`}>
      <div className="empty-state__icon">
        <Icon name={route} />
      </div>
      {typed ? (
        <p className="empty-state__text">{t(`${route}.empty.noMatch`, { query: typed })}</p>
      ) : (
        <>
          <p className="empty-state__text">{t(`${route}.empty.none`)}</p>
          {canWrite && (
            <>
              <p className="empty-state__note">{t(`${route}.empty.addFirst`)}</p>
              <p className="empty-state__action">
                <button type="button" className="button button--primary" onClick={onAdd}>
                  {t(`${route}.add`)}
                </button>
                {children}
              </p>
            </>
          )}
        </>
      )}
    </div>
  );
}
