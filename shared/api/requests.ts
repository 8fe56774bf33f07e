/**
 * Rights requests' part of the API contract (issue 13, DESIGN §5 "Rights requests"): intake
 * with its legal deadline, the identity check that restarts the clock, the steps of the
 * work (shared/rules/request-states.ts says which are allowed), the one extension and the
 * close. Every step is audited and written on the request's timeline.
 */
import { z } from 'zod';
import { identityMethods, refusalReasons, requestChannels, requestStatuses, requestTypes } from '../vocabulary';
import { id, isoDate, optionalText, page, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { RequestDetailDto, RequestDto, RequestListDto } from '../dto/requests';

const byId = z.object({ id }).strict();

export const requestsContract = {
  /**
   * Records a request as received on `receivedOn` (not later than today); the reply is due
   * one month later (Art. 12(3)). Linked to a contact, or at least named.
   */
  'requests.add': method({
    access: 'write',
    output: returns<RequestDto>(),
    input: z
      .object({
        type: z.enum(requestTypes),
        receivedOn: isoDate,
        channel: z.enum(requestChannels),
        contactId: id.optional(),
        requesterName: optionalText(200),
        requesterEmail: text().trim().max(254).nullable().optional(),
        requestText: optionalText(10_000),
        isTest: z.boolean().default(false),
      })
      .strict(),
  }),
  /** One request with its timeline. Audits an auditor's look itself, in the person's history. */
  'requests.get': method({ access: 'read', output: returns<RequestDetailDto>(), subject: null, selfAudited: true, input: byId }),
  /** Requests by deadline, soonest first; `overdue` and `dueWithinDays` count only running clocks. */
  'requests.list': method({
    access: 'read',
    output: returns<RequestListDto>(),
    subject: (i) => i.contactId,
    input: z
      .object({
        state: z.enum(requestStatuses).optional(),
        /** One person's requests (their contact page); an auditor's look is then logged in their history. */
        contactId: id.optional(),
        overdue: z.boolean().optional(),
        dueWithinDays: z.number().int().min(0).max(366).optional(),
        includeTests: z.boolean().default(false),
        ...page,
      })
      .strict(),
  }),
  /** Identity proof or clarification was asked for on `askedOn` (default today): the clock stops. */
  'requests.awaitIdentity': method({ access: 'write', output: returns<RequestDto>(), input: z.object({ id, askedOn: isoDate.optional() }).strict() }),
  /** The proof arrived on `date`: the clock restarts from that day. `seen` says what was seen, never a copy. */
  'requests.identityReceived': method({
    access: 'write',
    output: returns<RequestDto>(),
    input: z.object({ id, date: isoDate, method: z.enum(identityMethods), seen: optionalText(200) }).strict(),
  }),
  'requests.start': method({ access: 'write', output: returns<RequestDto>(), input: byId }),
  /** Work waits on something other than the requester: the clock keeps running. */
  'requests.hold': method({ access: 'write', output: returns<RequestDto>(), input: byId }),
  'requests.resume': method({ access: 'write', output: returns<RequestDto>(), input: byId }),
  /** The one extension (Art. 12(3)): by 1 or 2 months, before the deadline, with the reason the requester is told. */
  'requests.extend': method({
    access: 'write',
    output: returns<RequestDto>(),
    input: z
      .object({
        id,
        months: z.union([z.literal(1), z.literal(2)]),
        reason: text().trim().min(1, 'Give the reason the requester will be told').max(2000),
      })
      .strict(),
  }),
  /** Closes the request; a refusal needs its ground, and `text` is what the requester is told. */
  'requests.close': method({
    access: 'write',
    output: returns<RequestDto>(),
    input: z.object({ id, outcome: z.enum(['completed', 'refused']), refusalReason: z.enum(refusalReasons).optional(), text: optionalText(5000) }).strict(),
  }),
} as const satisfies Record<string, AnyEntry>;
