/**
 * Working a rights request through (issue 13, DESIGN §5 "Rights requests"): linking it to
 * the contact it is about, one task per place that holds the person's data (ticked off
 * with evidence, and the Art. 19 notice to each recipient where one is owed), and what the
 * requester sent, kept in the vault. Every write is audited and written on the request's
 * timeline, ids and field names only.
 */
import { z } from 'zod';
import { base64, id, isoDate, text } from './fields';
import { method, returns, type AnyEntry } from './method';
import type { ContactSuggestionDto, RequestAttachmentContentDto, RequestAttachmentDto, RequestDetailDto } from '../dto/requests';

/** The largest attachment the vault takes, in bytes (decoded). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

/** The task's number within its request (1, 2, 3…), as `requests.get` lists them. */
const task = z.number().int().min(1).max(1_000_000);

export const requestWorkContract = {
  /** Links a request logged under the requester's name to the contact it is about, and adds its tasks. */
  'requests.link': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, contactId: id }).strict() }),
  /** Up to 10 contacts the request may be about: by the requester's e-mail, then by their name. */
  'requests.suggestContacts': method({ access: 'read', output: returns<ContactSuggestionDto[]>(), subject: null, input: z.object({ id }).strict() }),
  /** Adds a task for each place ticked for the person since the tasks were made (never twice the same place). */
  'requests.refreshTasks': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id }).strict() }),
  /** Ticks a task off with its evidence; `nothingFound`: the place was searched and held nothing. */
  'requests.taskDone': method({
    access: 'write',
    output: returns<RequestDetailDto>(),
    input: z
      .object({
        id,
        task,
        evidence: text().trim().min(1, 'Say what was done or searched').max(5000),
        nothingFound: z.boolean().default(false),
      })
      .strict(),
  }),
  /** The Art. 19 notice to the task's recipient went out on `sentOn`. */
  'requests.noticeSent': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, task, sentOn: isoDate }).strict() }),
  /** The recipient confirmed the notice on `confirmedOn` (allowed after the request is closed). */
  'requests.noticeConfirmed': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, task, confirmedOn: isoDate }).strict() }),
  /** Keeps a file the requester sent (at most 10 MiB), encrypted with the vault. */
  'requests.attach': method({
    access: 'write',
    output: returns<RequestAttachmentDto>(),
    input: z
      .object({
        id,
        fileName: text().max(255),
        contentType: text()
          .trim()
          .max(127)
          .regex(/^[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*\/[a-zA-Z0-9][a-zA-Z0-9!#$&^_.+-]*$/, 'Give a media type like application/pdf'),
        contentBase64: base64(ATTACHMENT_MAX_BYTES),
      })
      .strict(),
  }),
  /** One attachment's content. Audits an auditor's look itself, in the person's history. */
  'requests.attachment': method({
    access: 'read',
    output: returns<RequestAttachmentContentDto>(),
    subject: null,
    selfAudited: true,
    input: z.object({ id, attachmentId: id }).strict(),
  }),
  /** Removes an attachment (not once the request is closed: it is part of the proof of reply). */
  'requests.removeAttachment': method({ access: 'write', output: returns<RequestDetailDto>(), input: z.object({ id, attachmentId: id }).strict() }),
} as const satisfies Record<string, AnyEntry>;
