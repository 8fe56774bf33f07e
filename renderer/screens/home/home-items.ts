/**
 * The home dashboard's items: what each count says, how soon it wants doing, who may fix
 * it and where (DESIGN §5 says which role may do what; the contract's access levels agree).
 */
import type { TFunction } from 'i18next';
import type { DashboardDto } from '../../../shared/dto/dashboard';
import type { Role } from '../../../shared/vocabulary';
import type { Route } from '../../routes';

export type HomeGroup = 'now' | 'soon' | 'info';
/** Who can act: 'write' is staff and admins, 'admin' admins only. */
type Actor = 'write' | 'admin';

export interface HomeItem {
  key: string;
  group: HomeGroup;
  actor: Actor;
  /** The sentence that says what is owed, in words. */
  sentence: string;
  /** The button's words ("Open the requests") and where it goes: a screen, and a panel on it. */
  action: string;
  route: Route;
  panel?: string;
}

const canAct = (role: Role | null, actor: Actor) => role === 'admin' || (actor === 'write' && role === 'staff');

export function homeItems(d: DashboardDto, role: Role | null, t: TFunction): HomeItem[] {
  const items: Array<Omit<HomeItem, 'group'> & { urgency: Exclude<HomeGroup, 'info'> }> = [];
  const { overdue, dueSoon } = d.requests;
  if (overdue.count > 0)
    items.push({ key: 'requestsOverdue', urgency: 'now', actor: 'write', sentence: t('home.requestsOverdue', { count: overdue.count }), action: t('home.openRequests'), route: 'requests' });
  if (d.backupOverdue)
    items.push({
      key: 'backup',
      urgency: 'now',
      // Without a folder only an administrator can say where backups go (Settings).
      actor: d.backupOverdue === 'no_folder' ? 'admin' : 'write',
      sentence: t(`home.backup.${d.backupOverdue}`),
      action: t('home.openBackups'),
      route: 'backups',
    });
  if (d.takedownsOwed > 0)
    items.push({
      key: 'takedowns',
      urgency: 'now',
      actor: 'write',
      sentence: t('home.takedowns', { count: d.takedownsOwed }),
      action: t('home.openTakedowns'),
      route: 'photoOptOuts',
      panel: 'photos-takedowns',
    });
  if (d.minors > 0)
    items.push({ key: 'minors', urgency: 'now', actor: 'write', sentence: t('home.minors', { count: d.minors }), action: t('home.openMinors'), route: 'consents', panel: 'consents-minors' });
  const retention = d.retentionDue.reduce((n, r) => n + r.count, 0);
  if (retention > 0)
    items.push({
      key: 'retention',
      urgency: 'now',
      actor: 'admin',
      sentence: t('home.retention', { count: retention, rules: d.retentionDue.map((r) => t('home.retentionRule', { rule: t(`retention.rules.${r.rule}`), count: r.count })).join(' · ') }),
      action: t('home.openRetention'),
      route: 'retention',
    });
  const shield = d.privacyShield;
  if (shield.policies + shield.processors > 0)
    items.push({
      key: 'privacyShield',
      urgency: 'now',
      actor: 'admin',
      sentence: [shield.policies > 0 ? t('home.shieldPolicy') : '', shield.processors > 0 ? t('home.shieldProcessors', { count: shield.processors }) : ''].filter(Boolean).join(' '),
      action: t('home.openRegister'),
      route: 'register',
      panel: 'compliance-warnings',
    });
  if (dueSoon.count > 0)
    items.push({ key: 'requestsSoon', urgency: 'soon', actor: 'write', sentence: t('home.requestsSoon', { count: dueSoon.count }), action: t('home.openRequests'), route: 'requests' });
  if (d.noBasis > 0)
    items.push({ key: 'noBasis', urgency: 'soon', actor: 'write', sentence: t('home.noBasis', { count: d.noBasis }), action: t('home.openNoBasis'), route: 'consents', panel: 'consents-no-basis' });
  if (d.reconsent && d.reconsent.count > 0)
    items.push({
      key: 'reconsent',
      urgency: 'soon',
      actor: 'write',
      sentence: t('home.reconsent', { count: d.reconsent.count, version: d.reconsent.version }),
      action: t('home.openReconsent'),
      route: 'consents',
      panel: 'consents-reconsent',
    });
  // What the person signed in cannot fix is still shown, as information, with who can.
  return items.map(({ urgency, ...item }) => ({ ...item, group: canAct(role, item.actor) ? urgency : 'info' }));
}
