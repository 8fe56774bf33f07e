/**
 * Retention (issue 15): per rule, how many are due now, within 90 days and frozen; the
 * people of one rule with what started their clock; and, for admins, applying a rule once
 * its count is confirmed, changing a rule, and setting and lifting legal holds.
 */
import type { TFunction } from 'i18next';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LegalHoldDto, RetentionApplyResultDto, RetentionDueDto, RetentionItemDto, RetentionRuleDto, RetentionRuleDueDto } from '../../../shared/dto/retention';
import type { RetentionRuleCode } from '../../../shared/rules/retention';
import { formatTypedDate } from '../../../shared/rules/typed-dates';
import { api } from '../../api';
import { ErrorMessage, Problem, Success } from '../../components/ErrorMessage';
import { ScreenTitle } from '../../components/ScreenTitle';
import { formatNumber } from '../../format';
import { selectIsAdmin, useStore } from '../../store';
import { useTask } from '../../use-task';
import { ApplyDialog, HoldDialog, RuleDialog } from './RetentionDialogs';

function RulesTable({
  rules,
  selected,
  onSelect,
  onEdit,
}: {
  rules: RetentionRuleDueDto[];
  selected: RetentionRuleCode;
  onSelect: (c: RetentionRuleCode) => void;
  onEdit?: (r: RetentionRuleDto) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="retention-rules">
        <caption className="sr-only">{t('retention.screen.rulesCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.screen.columns.rule')}</th>
            <th scope="col">{t('retention.screen.columns.period')}</th>
            <th scope="col">{t('retention.screen.columns.action')}</th>
            <th scope="col" className="num">
              {t('retention.screen.columns.due')}
            </th>
            <th scope="col" className="num">
              {t('retention.screen.columns.soon')}
            </th>
            <th scope="col" className="num">
              {t('retention.screen.columns.frozen')}
            </th>
            <th scope="col">
              <span className="sr-only">{t('retention.screen.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map(({ rule, counts }) => (
            <tr key={rule.code} data-rule={rule.code} aria-current={rule.code === selected || undefined} className={rule.code === selected ? 'is-selected' : undefined}>
              <td>
                <button type="button" className="link-button" onClick={() => onSelect(rule.code)}>
                  {t(`retention.rules.${rule.code}`)}
                </button>
              </td>
              <td className="nowrap">{t('retention.screen.period', { value: rule.periodValue, unit: t(`retention.units.${rule.periodUnit}`) })}</td>
              <td className="nowrap" title={t(`retention.actions.${rule.action}`)}>
                {t(`retention.screen.actions.${rule.action}`)}
              </td>
              <td className="num">{counts.due > 0 ? <strong>{formatNumber(counts.due)}</strong> : 0}</td>
              <td className="num">{formatNumber(counts.soon)}</td>
              <td className="num">{formatNumber(counts.frozen)}</td>
              <td>
                {onEdit && (
                  <button type="button" className="button button--quiet button--small" onClick={() => onEdit(rule)}>
                    {t('retention.screen.edit')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function stateText(t: TFunction, i: RetentionItemDto): string {
  if (!i.frozen) return t(`retention.states.${i.state}`);
  if (i.frozen.kind === 'open_request') return t('retention.screen.frozenRequest');
  return t('retention.screen.frozenHold', { date: formatTypedDate(i.frozen.until), reason: i.frozen.reason });
}

function ItemsTable({ items, onHold }: { items: RetentionItemDto[]; onHold?: (i: RetentionItemDto) => void }) {
  const { t } = useTranslation();
  const openContact = useStore((s) => s.openContact);
  if (items.length === 0) return <p className="muted">{t('retention.screen.noItems')}</p>;
  return (
    <div className="table-wrap">
      <table className="table table--compact" data-testid="retention-items">
        <caption className="sr-only">{t('retention.screen.itemsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.screen.columns.person')}</th>
            <th scope="col">{t('retention.screen.columns.organisation')}</th>
            <th scope="col">{t('retention.screen.columns.clock')}</th>
            <th scope="col">{t('retention.screen.columns.dueOn')}</th>
            <th scope="col">{t('retention.screen.columns.state')}</th>
            {onHold && (
              <th scope="col">
                <span className="sr-only">{t('retention.screen.hold')}</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((i) => {
            const name = i.fullName ?? t('retention.screen.someone');
            return (
              <tr key={i.requestId ?? i.contactId} className={i.frozen ? 'is-frozen' : undefined} data-state={i.frozen ? 'frozen' : i.state}>
                <td>
                  {i.requestId && !i.contactId ? (
                    t('retention.screen.request', { name })
                  ) : (
                    <button type="button" className="link-button" onClick={() => openContact(i.contactId)}>
                      {i.requestId ? t('retention.screen.request', { name }) : name}
                    </button>
                  )}
                </td>
                <td>{i.organisationName ?? '—'}</td>
                <td>{t('retention.screen.clock', { reason: t(`retention.clockReasons.${i.clockReason}`), date: formatTypedDate(i.clockStart) })}</td>
                <td className="nowrap">{formatTypedDate(i.dueOn)}</td>
                <td>{stateText(t, i)}</td>
                {onHold && (
                  <td>
                    {i.contactId && i.frozen?.kind !== 'legal_hold' && (
                      <button type="button" className="button button--quiet button--small" onClick={() => onHold(i)}>
                        {t('retention.screen.hold')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Holds in force, with the person's name where the review knows it. */
function HoldsList({ holds, names, onLift }: { holds: LegalHoldDto[]; names: Map<string, string>; onLift?: (h: LegalHoldDto) => void }) {
  const { t } = useTranslation();
  const inForce = holds.filter((h) => h.inForce);
  return (
    <>
      <h2 className="section-title">{t('retention.screen.holdsTitle')}</h2>
      {inForce.length === 0 ? (
        <p className="muted">{t('retention.screen.holdsEmpty')}</p>
      ) : (
        <ul className="plain-list" data-testid="retention-holds">
          {inForce.map((h) => (
            <li key={h.id}>
              <strong>{names.get(h.contactId) ?? t('retention.screen.someone')}</strong> — {t('retention.screen.holdLine', { date: formatTypedDate(h.until), reason: h.reason })}{' '}
              {onLift && (
                <button type="button" className="button button--quiet button--small" onClick={() => onLift(h)}>
                  {t('retention.screen.lift')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type Open = { kind: 'apply' } | { kind: 'rule'; rule: RetentionRuleDto } | { kind: 'hold'; item: RetentionItemDto } | null;

export function Retention() {
  const { t } = useTranslation();
  const isAdmin = useStore(selectIsAdmin);
  const [due, setDue] = useState<RetentionDueDto | null>(null);
  const [holds, setHolds] = useState<LegalHoldDto[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [selected, setSelected] = useState<RetentionRuleCode>('contact_activity');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<{ done: string | null; problem: string | null }>({ done: null, problem: null });
  const load = useCallback(
    () =>
      Promise.all([api.call('retention.due', { withinDays: 90 }), api.call('legalHolds.list', {})]).then(([d, h]) => {
        setDue(d);
        setHolds(h);
      }, setLoadError),
    [],
  );
  const lift = useTask(async (h: LegalHoldDto) => {
    await api.call('legalHolds.lift', { id: h.id });
    await load();
  });
  useEffect(() => {
    void load();
  }, [load]);

  const current = due?.rules.find((r) => r.rule.code === selected);
  const names = new Map((due?.rules ?? []).flatMap((r) => r.items.flatMap((i) => (i.contactId && i.fullName ? [[i.contactId, i.fullName] as const] : []))));
  const closeAndReload = () => {
    setOpen(null);
    void load();
  };
  const applied = (r: RetentionApplyResultDto) => {
    const failed = r.items.length - r.applied;
    setNotice({ done: t('retention.screen.applied', { count: r.applied }), problem: failed > 0 ? t('retention.screen.failed', { count: failed }) : null });
    closeAndReload();
  };

  return (
    <section className="screen screen--wide" data-testid="retention-screen">
      <header className="screen__header">
        <ScreenTitle>{t('retention.screen.title')}</ScreenTitle>
        <p className="lead">{t('retention.screen.intro')}</p>
      </header>
      <ErrorMessage error={loadError} />
      <ErrorMessage error={lift.error} />
      <Success text={notice.done} />
      <Problem text={notice.problem} />
      {!due && !loadError && <p className="muted">{t('common.loading')}</p>}
      {due && current && (
        <>
          <RulesTable rules={due.rules} selected={selected} onSelect={setSelected} onEdit={isAdmin ? (rule) => setOpen({ kind: 'rule', rule }) : undefined} />
          <div className="retention-items-header">
            <h2 className="section-title">{t('retention.screen.itemsTitle', { rule: t(`retention.rules.${selected}`) })}</h2>
            {isAdmin && current.counts.due > 0 && (
              <div className="record-actions">
                <button type="button" className="button button--danger" onClick={() => setOpen({ kind: 'apply' })} data-testid="retention-apply">
                  {t(selected === 'closed_requests' ? 'retention.screen.applyRequests' : 'retention.screen.apply', { count: current.counts.due })}
                </button>
              </div>
            )}
          </div>
          <ItemsTable items={current.items} onHold={isAdmin ? (item) => setOpen({ kind: 'hold', item }) : undefined} />
          <HoldsList holds={holds} names={names} onLift={isAdmin ? (h) => void lift.run(h) : undefined} />
        </>
      )}
      {open?.kind === 'apply' && current && (
        <ApplyDialog
          rule={current.rule}
          count={current.counts.due}
          onApplied={applied}
          onCountChanged={() => {
            setNotice({ done: null, problem: t('retention.screen.countChanged') });
            closeAndReload();
          }}
          onCancel={() => setOpen(null)}
        />
      )}
      {open?.kind === 'rule' && <RuleDialog rule={open.rule} onSaved={closeAndReload} onCancel={() => setOpen(null)} />}
      {open?.kind === 'hold' && open.item.contactId && (
        <HoldDialog contactId={open.item.contactId} name={open.item.fullName ?? t('retention.screen.someone')} onSaved={closeAndReload} onCancel={() => setOpen(null)} />
      )}
    </section>
  );
}
