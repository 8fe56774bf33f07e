/** What the Organisations, Projects and Events screens share: their header, their form dialog and how they load. */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { ErrorMessage, Problem } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SaveCancelActions } from '../../components/SaveCancelActions';
import { formatNumber } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import type { Task } from '../../use-task';

export type RecordsRoute = 'organisations' | 'projects' | 'events';

/**
 * The screen's title and what it holds, with its add button for those who may write; without
 * `onAdd` (loading, or the empty list that offers the button itself) the button is not shown twice.
 */
export function RecordsHeader({ route, onAdd }: { route: RecordsRoute; onAdd?: () => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  return (
    <header className="screen__header screen__header--split">
      <div>
        <ScreenTitle>{t(`${route}.title`)}</ScreenTitle>
        <p className="lead">{t(`${route}.intro`)}</p>
      </div>
      {canWrite && onAdd && (
        <button type="button" className="button button--primary" onClick={onAdd}>
          {t(`${route}.add`)}
        </button>
      )}
    </header>
  );
}

/**
 * The add or edit dialog around a record's fields: `problem` is a check the form made, `save`
 * the call, `saveLabel` the submit button's words when they are not "Save".
 */
export function RecordDialog(props: { title: string; save: Task<[]>; problem: string | null; saveLabel?: string; onSubmit: () => void; onClose: () => void; children: ReactNode }) {
  const { title, save, problem, saveLabel, onSubmit, onClose, children } = props;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Dialog open wide title={title} busy={save.pending} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="dialog__scroll">{children}</div>
        <Problem text={problem} />
        <ErrorMessage error={save.error} />
        <SaveCancelActions onCancel={onClose} pending={save.pending} saveLabel={saveLabel} />
      </form>
    </Dialog>
  );
}

/**
 * Loads the list again whenever `key` changes (a search, a longer page) or `reload` is called
 * (after a save); an answer that arrives after a newer request is dropped.
 */
export function useRecordList<T>(load: () => Promise<T>, key: string) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reloads, setReloads] = useState(0);
  useEffect(() => {
    let current = true;
    load().then(
      (d) => current && setData(d),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
    // `load` is a new function at every render; what it asks for is in `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, reloads]);
  return { data, error, reload: () => setReloads((n) => n + 1) };
}

/** Which record the dialog is open for: a new one, one of the list, or none. */
export function useEditing<T>(reload: () => void) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return {
    editing,
    record: editing === 'new' ? null : editing,
    open: (record: T | 'new') => setEditing(record),
    close: () => setEditing(null),
    saved: () => {
      setEditing(null);
      reload();
    },
  };
}

/** How many records there are, then their table: `headings` are the columns' cells, an actions column follows. */
export function RecordsTable({ route, total, headings, children }: { route: RecordsRoute; total: number; headings: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <p className="result-count" role="status">
        {t(`${route}.count`, { count: total, formatted: formatNumber(total) })}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid={`${route}-table`}>
          <thead>
            <tr>
              {headings}
              <th scope="col" className="actions">
                <span className="sr-only">{t('organisations.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </>
  );
}

/** A record's name, with its free-text type under it. */
export function NameCell({ name, type }: { name: string; type: string | null }) {
  return (
    <td>
      {name}
      {type && <div className="muted small">{type}</div>}
    </td>
  );
}
