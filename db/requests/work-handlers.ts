/** Handlers for shared/api/request-work.ts. */
import type { requestWorkContract } from '../../shared/api/request-work';
import type { HandlersOf } from '../context';
import { attach, readAttachment, removeAttachment } from './attachments';
import { linkRequest, suggestContacts } from './link';
import { noticeConfirmed, noticeSent, refreshTasks, taskDone } from './tasks';

export const requestWorkHandlers: HandlersOf<keyof typeof requestWorkContract> = {
  'requests.link': async (i, core) => linkRequest(core.context(), i),
  'requests.suggestContacts': async (i, core) => suggestContacts(core.context().db, i.id),
  'requests.refreshTasks': async (i, core) => refreshTasks(core.context(), i.id),
  'requests.taskDone': async (i, core) => taskDone(core.context(), i),
  'requests.noticeSent': async (i, core) => noticeSent(core.context(), i),
  'requests.noticeConfirmed': async (i, core) => noticeConfirmed(core.context(), i),
  'requests.attach': async (i, core) => attach(core.context(), i),
  'requests.attachment': async (i, core) => readAttachment(core.context(), i),
  'requests.removeAttachment': async (i, core) => removeAttachment(core.context(), i),
};
