import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestListDto } from '../../../shared/dto/requests';
import { requestStatuses, type RequestStatus } from '../../../shared/vocabulary';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { SelectField } from '../../components/SelectField';
import { formatDate, formatNumber } from '../../format';
import { selectCanWrite, useStore } from '../../store';
import { NewRequestDialog } from './NewRequestDialog';
import { DeadlineBadge, requesterOf } from './request-words';
import { RequestPage } from './RequestPage';

type DeadlineFilter = '' | 'overdue' | 'week';

function RequestList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const canWrite = useStore(selectCanWrite);
  const [adding, setAdding] = useState(false);
  const [state, setState] = useState<RequestStatus | ''>('');
  const [deadline, setDeadline] = useState<DeadlineFilter>('');
  const [includeTests, setIncludeTests] = useState(false);
  const [list, setList] = useState<RequestListDto | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api
      .call('requests.list', {
        ...(state ? { state } : {}),
        ...(deadline === 'overdue' ? { overdue: true } : {}),
        ...(deadline === 'week' ? { dueWithinDays: 7 } : {}),
        includeTests,
        limit: 500,
      })
      .then(
        (l) => {
          if (live) setList(l);
        },
        (e: unknown) => {
          if (live) setError(e);
        },
      );
    return () => {
      live = false;
    };
  }, [state, deadline, includeTests]);

  return (
    <section className="screen screen--wide">
      <header className="screen__header screen__header--split">
        <div>
          <ScreenTitle>{t('requests.title')}</ScreenTitle>
          <p className="lead">{t('requests.intro')}</p>
        </div>
        {canWrite && (
          <div className="record-actions">
            <button type="button" className="button button--primary" onClick={() => setAdding(true)}>
              {t('requests.add.button')}
            </button>
          </div>
        )}
      </header>
      {adding && <NewRequestDialog onClose={() => setAdding(false)} onAdded={onOpen} />}
      <ErrorMessage error={error} />
      {list && (
        <dl className="counts request-counts" data-testid="request-counts">
          {requestStatuses.map((s) => (
            <div key={s} className="counts__item" data-state={s}>
              <dt>{t(`requests.states.${s}`)}</dt>
              <dd>{formatNumber(list.counts[s])}</dd>
            </div>
          ))}
        </dl>
      )}
      <div className="request-filters">
        <SelectField
          label={t('requests.filters.state')}
          empty={t('requests.filters.anyState')}
          value={state}
          onChange={(v) => setState(v as RequestStatus | '')}
          options={requestStatuses.map((s) => ({ value: s, label: t(`requests.states.${s}`) }))}
        />
        <SelectField
          label={t('requests.filters.deadline')}
          empty={t('requests.filters.anyDeadline')}
          value={deadline}
          onChange={(v) => setDeadline(v as DeadlineFilter)}
          options={[
            { value: 'overdue', label: t('requests.filters.overdue') },
            { value: 'week', label: t('requests.filters.week') },
          ]}
        />
        <label className="checkbox request-filters__tests">
          <input type="checkbox" checked={includeTests} onChange={(e) => setIncludeTests(e.target.checked)} />
          {t('requests.filters.tests')}
        </label>
      </div>
      {list && list.items.length === 0 && <p className="muted">{list.total === 0 && !state && !deadline ? t('requests.none') : t('requests.noneMatch')}</p>}
      {list && list.items.length > 0 && (
        <>
          <p className="result-count">{t('requests.shown', { count: list.items.length, formatted: formatNumber(list.items.length) })}</p>
          <div className="table-wrap">
            <table className="table request-table" data-testid="requests-table">
              <thead>
                <tr>
                  <th scope="col">{t('requests.fields.requester')}</th>
                  <th scope="col">{t('requests.fields.type')}</th>
                  <th scope="col">{t('requests.fields.received')}</th>
                  <th scope="col">{t('requests.fields.due')}</th>
                  <th scope="col">{t('requests.fields.state')}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((r) => (
                  <tr key={r.id} data-id={r.id}>
                    <td className="request-table__who">
                      <button type="button" className="link-button" onClick={() => onOpen(r.id)}>
                        {requesterOf(r, t)}
                      </button>
                      {r.isTest && <span className="badge badge--neutral badge--inline">{t('requests.test')}</span>}
                    </td>
                    <td className="nowrap">{t(`requests.types.${r.type}`)}</td>
                    <td className="nowrap">{formatDate(r.receivedDate)}</td>
                    <td>
                      <div className="nowrap">{formatDate(r.dueDate)}</div>
                      <DeadlineBadge request={r} />
                    </td>
                    <td className="nowrap">{t(`requests.states.${r.state}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

/** "Requests": rights requests by deadline, and one request's page (also opened from a contact's page). */
export function RequestsScreen() {
  const openId = useStore((s) => s.openRequestId);
  const openRequest = useStore((s) => s.openRequest);
  return openId ? <RequestPage key={openId} id={openId} onBack={() => openRequest(null)} /> : <RequestList onOpen={openRequest} />;
}
