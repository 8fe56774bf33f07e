/** CLI commands for shared/api/consents.ts (issue 4): the consent ledger and the newsletter list. */
import { consentActions, channels, type ConsentAction, type Channel } from '../shared/vocabulary';
import { resolve } from 'node:path';
import type { ContactConsentsDto } from '../shared/dto/consents';
import { RegistreError } from '../shared/errors';
import { call, common, pageOf, str, withVault, type Command, type Values } from './kit';

function required(v: Values, name: string, what: string): string {
  const value = str(v[name]);
  if (!value) throw new RegistreError('invalid_input', `--${name} is required: ${what}.`);
  return value;
}

function oneOf<T extends string>(v: Values, name: string, allowed: readonly T[]): T {
  const value = required(v, name, allowed.join(', '));
  if (!(allowed as readonly string[]).includes(value)) throw new RegistreError('invalid_input', `--${name} must be one of ${allowed.join(', ')}.`);
  return value as T;
}

/** One line per purpose: what holds today and since when; with `history`, every event under it. */
function stateTable(state: ContactConsentsDto, history: boolean): string {
  const rows = state.purposes.map((p) => [p.purpose.code, p.state, p.since ?? '—', p.applies ? 'yes' : 'no']);
  const widths = [0, 1, 2].map((i) => Math.max(...[['Purpose', 'State', 'Since'][i]!.length, ...rows.map((r) => r[i]!.length)]));
  const line = (r: string[]) => r.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join('  ');
  const out = [line(['Purpose', 'State', 'Since', 'Basis applies'])];
  for (const [i, p] of state.purposes.entries()) {
    out.push(line(rows[i]!));
    if (!history) continue;
    for (const e of p.history) {
      const policy = e.policyVersion ? `, policy v${e.policyVersion.version} (${e.policyVersion.language})` : e.policyEarlier ? ', earlier policy (text not kept)' : '';
      out.push(`    ${e.occurredOn}  ${e.action} by ${e.channel}${policy}${e.recordedBy ? `, entered by ${e.recordedBy.name}` : ''}${e.evidence ? ` — ${e.evidence}` : ''}`);
    }
  }
  if (state.restricted) out.push('', 'RESTRICTED (Art. 18): keep the data stored, use it for nothing else.');
  if (state.noRemainingBasis) out.push('', `NO REMAINING BASIS since ${state.noRemainingBasis.since}: review this person's data (registre consents review).`);
  return out.join('\n');
}

const pageOptions = { limit: { type: 'string' }, offset: { type: 'string' } } as const;

export const consentCommands: Record<string, Command> = {
  'consents record': {
    options: {
      ...common,
      contact: { type: 'string' },
      purpose: { type: 'string' },
      action: { type: 'string' },
      channel: { type: 'string' },
      'policy-version': { type: 'string' },
      'policy-language': { type: 'string' },
      evidence: { type: 'string' },
      date: { type: 'string' },
    },
    run: (v) =>
      withVault(v, async (core, out) => {
        const version = str(v['policy-version']);
        if (version !== undefined && !/^\d+$/.test(version)) throw new RegistreError('invalid_input', '--policy-version is the version number, like 2.');
        const state = await call(core, 'consents.record', {
          contactId: required(v, 'contact', 'the contact id (see registre contacts list)'),
          purposeCode: required(v, 'purpose', 'the purpose code, like newsletter'),
          action: oneOf<ConsentAction>(v, 'action', consentActions),
          channel: oneOf<Channel>(v, 'channel', channels),
          ...(version !== undefined ? { policyVersion: Number(version) } : {}),
          ...(str(v['policy-language']) ? { policyLanguage: str(v['policy-language']) } : {}),
          ...(str(v.evidence) ? { evidence: str(v.evidence) } : {}),
          ...(str(v.date) ? { occurredOn: str(v.date) } : {}),
        });
        out.result(state, () => `Recorded. Consents of ${state.contactId} now:\n${stateTable(state, false)}`);
        return 0;
      }),
  },

  'consents show': {
    options: { ...common, contact: { type: 'string' }, history: { type: 'boolean' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const state = await call(core, 'consents.forContact', { contactId: required(v, 'contact', 'the contact id (see registre contacts list)') });
        out.result(state, () => stateTable(state, v.history === true));
        return 0;
      }),
  },

  'consents review': {
    options: { ...common, ...pageOptions },
    run: (v) =>
      withVault(v, async (core, out) => {
        const page = await call(core, 'consents.noBasis', pageOf(v));
        out.result(page, () =>
          [
            ...page.items.map(
              (i) =>
                `${i.contactId}  ${i.fullName}${i.organisationName ? ` — ${i.organisationName}` : ''}\n    no basis since ${i.reason.since}: ${i.reason.events
                  .map((e) => `${e.purpose.code} ${e.action} ${e.occurredOn}`)
                  .join(', ')}`,
            ),
            `(${page.items.length} of ${page.total} with no remaining basis)`,
          ].join('\n'),
        );
        return 0;
      }),
  },

  'export mailing-list': {
    options: { ...common, out: { type: 'string' } },
    run: (v) =>
      withVault(v, async (core, out) => {
        const file = resolve(required(v, 'out', 'the CSV file to write, like newsletter.csv'));
        const exported = await call(core, 'mailingList.export', { out: file });
        const c = exported.counts;
        if (exported.result.outcome !== 'written' || !c) {
          out.result(exported, () => 'Cancelled: nothing was written.');
          return 1;
        }
        out.result({ file, manifest: exported.result.manifestPath, counts: c }, () =>
          [
            `Wrote ${c.included} subscribers to ${file} (Mailchimp audience import), manifest beside it.`,
            'Left out:',
            `  restricted processing  ${c.excluded.restricted}`,
            `  objected               ${c.excluded.objected}`,
            `  withdrew consent       ${c.excluded.withdrawn}`,
            `  archived               ${c.excluded.archived}`,
            `  no e-mail address      ${c.excluded.noEmail}`,
            `  address refused by another contact  ${c.excluded.addressRefused}`,
            `  address already listed ${c.excluded.duplicateAddress}`,
            `Never subscribed: ${c.neverSubscribed}`,
          ].join('\n'),
        );
        return 0;
      }),
  },
};

/** This module's lines of `registre --help`. */
export const consentUsage = `
Consents and the newsletter list
  consents record --contact ID --purpose CODE --action granted|withdrawn|objected|restricted
                  --channel form|email|event_registration|unsubscribe_link|phone|paper
                  [--policy-version N [--policy-language fr]] [--evidence TEXT] [--date YYYY-MM-DD]
                                      Append to the consent ledger (purpose codes: newsletter,
                                      collaboration, event_logistics, …)
  consents show --contact ID [--history]
                                      Each purpose's state, since when, whether a basis applies
  consents review [--limit N] [--offset N]
                                      People a withdrawal or objection left with no basis
  export mailing-list --out FILE.csv  The newsletter list for Mailchimp; prints who was left out and why
`;
