/** `registre audit list` (issue 16, shared/api/audit.ts): the audit log, filtered, newest first, with what each event is about in words. */
import type { AuditAboutDto, AuditEventDto } from '../shared/dto/index';
import { RegistreError } from '../shared/errors';
import { call, common, numberOption, str, withVault, type Command } from './kit';

/** What an event is about, in English: names are the records' names today; an erased person is never named. */
export function aboutWords(a: AuditAboutDto): string {
  switch (a.state) {
    case 'named':
      return [a.type === 'rights_request' ? `${a.detail} request of ${a.day}` : null, a.name].filter(Boolean).join(': ');
    case 'erased':
      return 'erased person';
    case 'anonymised':
      return 'anonymised contact';
    case 'merged':
      return a.name ? `${a.name} (merged duplicate)` : 'merged duplicate';
    case 'gone':
      return `${a.type} (since deleted)`;
    case 'none':
      return a.type;
  }
}

const line = (e: AuditEventDto) =>
  [String(e.seq).padStart(7), e.at.slice(0, 19).replace('T', ' '), (e.staffName ?? 'Registre').padEnd(16), e.action.padEnd(24), aboutWords(e.about), e.fields.length ? `[${e.fields.join(', ')}]` : '']
    .join('  ')
    .trimEnd();

export const auditCommands: Record<string, Command> = {
  'audit list': {
    options: {
      ...common,
      subject: { type: 'string' },
      staff: { type: 'string' },
      action: { type: 'string' },
      'entity-type': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      before: { type: 'string' },
      limit: { type: 'string' },
    },
    run: (v) => {
      const action = str(v.action)
        ?.split(',')
        .map((a) => a.trim())
        .filter((a) => a !== '');
      if (action?.length === 0) throw new RegistreError('invalid_input', '--action takes one action or several, separated by commas (like contact.updated,contact.created).');
      const input = {
        limit: numberOption(v, 'limit', 1, 500, 100),
        beforeSeq: numberOption(v, 'before', 1, Number.MAX_SAFE_INTEGER),
        subjectId: str(v.subject),
        staffId: str(v.staff),
        action,
        entityType: str(v['entity-type']),
        from: str(v.from),
        to: str(v.to),
      };
      return withVault(v, async (core, out) => {
        const events = await call(core, 'audit.list', input);
        out.result(events, () => (events.length ? events.map(line).join('\n') : 'No event matches these filters.'));
        return 0;
      });
    },
  },
};

/** This module's lines of `registre --help`. */
export const auditUsage = `  audit list [--subject CONTACT_ID] [--staff STAFF_ID] [--action A[,B…]] [--entity-type T]
             [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--before SEQ] [--limit N]
                                      The audit log, newest first (100 events unless --limit, up to
                                      500; --before SEQ for the next page): who did what, and what it
                                      is about by its name today (an erased person is never named).
                                      Days are Brussels days, both included
`;
