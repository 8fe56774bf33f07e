/**
 * The method names alone, without their zod schemas, so Electron's preload can list them
 * without bundling zod. shared/api.ts checks at compile time that these match the contract.
 */
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
] as const;

export const shellMethodNames = ['shell.chooseFolder'] as const;
