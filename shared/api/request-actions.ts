/**
 * Carrying a rights request out from its page (issue 13): each right's own action, checked
 * against the request (open, of that type, about its linked contact) and recorded on it
 * as an action (request_actions) and a `carried_out` step of its timeline, in the same
 * transaction. The access or portability bundle is `exports.subject` with `requestId`;
 * the erasure is `contacts.erase` with `requestId`. Every method answers the request's
 * detail as `requests.get` does.
 */
import { z } from 'zod';
import type { RequestDetailDto } from '../dto/requests';
import { contactFields } from './contacts';
import { id, text } from './fields';
import { method, returns, type AnyEntry } from './method';

const byId = z.object({ id }).strict();
const purposeCode = text().min(1).max(40);
const purposeCodes = z.array(purposeCode).min(1, 'Choose at least one purpose').max(50);

export const requestActionsContract = {
  /**
   * Rectification (Art. 16): corrects the linked contact's details as `contacts.update`
   * does (`changes` takes its fields), and keeps every changed field's before and after in
   * the action. Refused when nothing changes.
   */
  'requests.rectify': method({
    access: 'write',
    output: returns<RequestDetailDto>(),
    input: z
      .object({
        id,
        changes: z
          .object(contactFields)
          .partial()
          .strict()
          .refine((c) => Object.keys(c).length > 0, 'Give at least one corrected field'),
      })
      .strict(),
  }),
  /**
   * Restriction (Art. 18): a `restricted` event in the consent ledger, so the person is
   * left out of the mailing list and of partner sharing, and their consents page shows it.
   */
  'requests.restrict': method({ access: 'write', output: returns<RequestDetailDto>(), input: byId }),
  /** Lifts the restriction the request recorded (the request may be closed by then). */
  'requests.liftRestriction': method({ access: 'write', output: returns<RequestDetailDto>(), input: byId }),
  /**
   * Objection (Art. 21): `objected` on every legitimate-interest purpose, or on the chosen
   * ones; a consent purpose is refused (withdrawal is the route there).
   */
  'requests.object': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, purposeCodes: purposeCodes.optional() }).strict() }),
  /** Consent withdrawal (Art. 7(3)): `withdrawn` on each chosen consent purpose. */
  'requests.withdraw': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, purposeCodes }).strict() }),
} as const satisfies Record<string, AnyEntry>;
