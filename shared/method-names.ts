/**
 * The method names alone, without their zod schemas, so Electron's preload can list them
 * without bundling zod. shared/api/index.ts checks at compile time that these match the contract.
 */
/** shared/api/consents.ts */
const consentMethodNames = [
  'consents.record',
  'consents.forContact',
  'consents.noBasis',
  'consents.reconsentNeeded',
  'mailingList.preview',
  'mailingList.export',
] as const;

/** shared/api/register.ts */
const registerMethodNames = [
  'purposes.list',
  'purposes.add',
  'purposes.update',
  'policies.list',
  'policies.get',
  'policies.add',
  'policies.setMaterialChange',
  'processors.list',
  'processors.add',
  'processors.update',
  'contactSystems.list',
  'contactSystems.set',
  'sharing.record',
  'sharing.list',
  'sharing.recipients',
] as const;

/** shared/api/photos.ts */
const photoMethodNames = [
  'photos.setPreference',
  'photos.withdrawPreference',
  'photos.forContact',
  'photos.eventList',
  'photos.eventListFile',
  'photos.publications',
  'photos.publish',
  'photos.takedownsOwed',
  'photos.markTakenDown',
] as const;

/** shared/api/exports.ts */
const exportMethodNames = ['exports.subject', 'exports.register', 'exports.progress', 'exports.cancel', 'exports.verify'] as const;

export const methodNames = [
  'vault.status',
  'vault.create',
  'vault.selectFolder',
  'vault.unlock',
  'vault.recover',
  'vault.completeRecovery',
  'vault.lock',
  'vault.touch',
  'vault.info',
  'vault.rekey',
  'session.changePassphrase',
  'staff.list',
  'staff.add',
  'staff.remove',
  'staff.resetPassphrase',
  'settings.get',
  'settings.update',
  'audit.list',
  'audit.verify',
  'contacts.add',
  'contacts.update',
  'contacts.archive',
  'contacts.get',
  'contacts.search',
  'contacts.duplicates',
  'contacts.merge',
  'contacts.minors',
  'contacts.importPreview',
  'contacts.importCommit',
  'contacts.importProgress',
  'organisations.add',
  'organisations.update',
  'organisations.list',
  'projects.add',
  'projects.list',
  'events.add',
  'events.list',
  'participations.add',
  'sensitive.add',
  'sensitive.list',
  'sensitive.reveal',
  'sensitive.remove',
  ...consentMethodNames,
  ...registerMethodNames,
  ...photoMethodNames,
  ...exportMethodNames,
] as const;

export const shellMethodNames = ['shell.chooseFolder', 'shell.saveTextFile', 'shell.chooseExportPath'] as const;
