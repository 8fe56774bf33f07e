import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../shared/dto/index';
import type { ReconsentDto } from '../../../shared/dto/consents';
import type { PolicyVersionDto } from '../../../shared/dto/register';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SelectField } from '../../components/SelectField';
import { formatDate } from '../../format';
import { useStore } from '../../store';
import { policyLabel, purposeName } from './consent-words';
import { PAGE_SIZE, Pager } from './Pager';

function Consents({ policyVersionId }: { policyVersionId: string }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page<ReconsentDto> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api.call('consents.reconsentNeeded', { policyVersionId, limit: PAGE_SIZE, offset }).then(
      (p) => current && (setPage(p), setError(null)),
      (e: unknown) => current && setError(e),
    );
    return () => {
      current = false;
    };
  }, [policyVersionId, offset]);
  if (error) return <ErrorMessage error={error} />;
  if (!page) return null;
  if (page.total === 0) return <p className="muted">{t('consents.reconsent.empty')}</p>;
  return (
    <>
      <p className="result-count" role="status">
        {t('consents.reconsent.count', { count: page.total })}
      </p>
      <div className="table-wrap">
        <table className="table" data-testid="reconsent-table">
          <thead>
            <tr>
              <th scope="col">{t('consents.noBasis.name')}</th>
              <th scope="col">{t('consents.section.purpose')}</th>
              <th scope="col">{t('consents.reconsent.grantedOn')}</th>
              <th scope="col">{t('consents.reconsent.versionShown')}</th>
            </tr>
          </thead>
          <tbody>
            {page.items.map((row) => (
              <tr key={`${row.contactId}-${row.purpose.id}`}>
                <td className="table__name">
                  <button type="button" className="link-button" onClick={() => openContact(row.contactId)}>
                    {row.fullName}
                  </button>
                </td>
                <td>{purposeName(row.purpose)}</td>
                <td className="nowrap">{formatDate(row.grantedOn)}</td>
                <td>{row.policyVersionShown === null ? t('consents.reconsent.noVersion') : t('consents.reconsent.version', { version: row.policyVersionShown })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager offset={offset} shown={page.items.length} total={page.total} onOffset={setOffset} />
    </>
  );
}

/** Who must be asked again because their consent predates a material change of the policy. */
export function ReconsentList() {
  const { t } = useTranslation();
  const [versions, setVersions] = useState<PolicyVersionDto[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    api.call('policies.list', {}).then(
      (all) => {
        const material = all.filter((v) => v.materialChange);
        setVersions(material);
        // The newest material change is almost always the one being asked about.
        if (material[0]) setChosen(material[0].id);
      },
      (e: unknown) => setError(e),
    );
  }, []);

  return (
    <section className="panel" aria-labelledby="consents-reconsent" data-testid="reconsent">
      <h2 className="panel__title" id="consents-reconsent">
        {t('consents.reconsent.title')}
      </h2>
      <p className="panel__intro">{t('consents.reconsent.intro')}</p>
      <ErrorMessage error={error} />
      {versions && versions.length === 0 && <p className="muted">{t('consents.reconsent.noMaterial')}</p>}
      {versions && versions.length > 0 && (
        <>
          <SelectField
            label={t('consents.reconsent.policy')}
            value={chosen}
            onChange={setChosen}
            options={versions.map((v) => ({ value: v.id, label: t('consents.dialog.policyOption', { version: policyLabel(t, v), date: formatDate(v.effectiveDate) }) }))}
          />
          {chosen && <Consents key={chosen} policyVersionId={chosen} />}
        </>
      )}
    </section>
  );
}
