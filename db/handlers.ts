/**
 * The API implementation: every domain folder's handlers, one per contract method
 * (DESIGN §3). A missing or mistyped handler is a compile error through `Handlers`.
 */
import type { Method } from '../shared/api/index';
import { auditHandlers } from './audit/handlers';
import { backupHandlers } from './backup/handlers';
import { calendarHandlers } from './settings/calendar-handlers';
import { consentHandlers } from './consents/handlers';
import { contactsHandlers } from './contacts/handlers';
import type { Handler } from './context';
import { dashboardHandlers } from './dashboard/handlers';
import { erasureHandlers } from './erasure/handlers';
import { exportHandlers } from './export/handlers';
import { importHandlers } from './import/handlers';
import { photoHandlers } from './photos/handlers';
import { registerHandlers } from './register/handlers';
import { reportDocsHandlers } from './reports/report-handlers';
import { reportsHandlers } from './reports/handlers';
import { requestLettersHandlers } from './requests/letter-handlers';
import { requestActionHandlers } from './requests/action-handlers';
import { requestsHandlers } from './requests/handlers';
import { requestWorkHandlers } from './requests/work-handlers';
import { retentionHandlers } from './retention/handlers';
import { settingsHandlers } from './settings/handlers';
import { staffHandlers } from './staff/handlers';
import { vaultHandlers } from './vault/handlers';

export type Handlers = { [M in Method]: Handler<M> };

export function createHandlers(): Handlers {
  return {
    ...vaultHandlers,
    ...staffHandlers,
    ...settingsHandlers,
    ...auditHandlers,
    ...contactsHandlers,
    ...erasureHandlers,
    ...importHandlers,
    ...consentHandlers,
    ...registerHandlers,
    ...photoHandlers,
    ...requestsHandlers,
    ...requestWorkHandlers,
    ...requestLettersHandlers,
    ...requestActionHandlers,
    ...calendarHandlers,
    ...exportHandlers,
    ...retentionHandlers,
    ...backupHandlers,
    ...reportDocsHandlers,
    ...reportsHandlers,
    ...dashboardHandlers,
  };
}
