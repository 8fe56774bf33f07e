/**
 * The API contract (DESIGN §3): every method the renderer, the CLI and the tests may call.
 * Electron's preload exposes exactly these names, ipc.ts and the preview bridge register
 * them in one loop, and the core's `Handlers` type makes a missing implementation a
 * compile error.
 */
import { z } from 'zod';
import { methodNames, shellMethodNames } from './method-names';
import type {
  AuditEventDto,
  AuditVerifyDto,
  CreatedVaultDto,
  RecoveryDto,
  SessionDto,
  SettingsDto,
  StaffDto,
  VaultInfoDto,
  VaultStatusDto,
} from './dto';
import type { Result } from './errors';

export const roles = ['admin', 'staff', 'auditor'] as const;
export type Role = (typeof roles)[number];

/**
 * Who may call a method:
 * - `public`: works while the vault is locked (status, create, unlock, recover);
 * - `recovering`: only between a recovery-key unlock and choosing a new passphrase;
 * - `read`: any signed-in role (auditor reads are themselves audited);
 * - `self`: any signed-in role, acting on their own profile (not a view of records);
 * - `write`: admin and staff;
 * - `admin`: admin only.
 */
export type Access = 'public' | 'recovering' | 'read' | 'self' | 'write' | 'admin';

const passphrase = z.string().min(1, 'Enter a passphrase').max(1024);
const staffName = z.string().trim().min(1, 'Enter a name').max(120);
const id = z.string().min(1).max(64);
const empty = z.object({}).strict();

export const contract = {
  'vault.status': { access: 'public', input: empty },
  'vault.create': {
    access: 'public',
    input: z.object({ passphrase, staffName, dir: z.string().min(1).max(4096).optional() }).strict(),
  },
  'vault.selectFolder': { access: 'public', input: z.object({ dir: z.string().min(1).max(4096) }).strict() },
  'vault.unlock': { access: 'public', input: z.object({ passphrase }).strict() },
  'vault.recover': { access: 'public', input: z.object({ recoveryKey: z.string().min(1).max(200) }).strict() },
  'vault.completeRecovery': {
    access: 'recovering',
    input: z.object({ staffId: id, newPassphrase: passphrase }).strict(),
  },
  'vault.lock': { access: 'public', input: empty },
  'vault.touch': { access: 'self', input: empty },
  'vault.info': { access: 'read', input: empty },
  'vault.rekey': { access: 'admin', input: empty },
  'session.changePassphrase': {
    access: 'self',
    input: z.object({ current: passphrase, next: passphrase }).strict(),
  },
  'staff.list': { access: 'read', input: empty },
  'staff.add': {
    access: 'admin',
    input: z.object({ name: staffName, role: z.enum(roles), passphrase }).strict(),
  },
  'staff.remove': { access: 'admin', input: z.object({ id }).strict() },
  /** For a colleague who forgot their passphrase, or lost their slot with the key file. */
  'staff.resetPassphrase': { access: 'admin', input: z.object({ id, passphrase }).strict() },
  'settings.get': { access: 'read', input: empty },
  'settings.update': {
    access: 'admin',
    input: z.object({ autoLockMinutes: z.number().int().min(1).max(240) }).strict(),
  },
  'audit.list': {
    access: 'read',
    input: z
      .object({ limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().positive().optional() })
      .strict(),
  },
  'audit.verify': { access: 'read', input: empty },
} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

export interface Outputs {
  'vault.status': VaultStatusDto;
  'vault.create': CreatedVaultDto;
  'vault.selectFolder': VaultStatusDto;
  'vault.unlock': SessionDto;
  'vault.recover': RecoveryDto;
  'vault.completeRecovery': SessionDto;
  'vault.lock': VaultStatusDto;
  'vault.touch': null;
  'vault.info': VaultInfoDto;
  'vault.rekey': { recoveryKey: string };
  'session.changePassphrase': null;
  'staff.list': StaffDto[];
  'staff.add': StaffDto;
  'staff.remove': null;
  'staff.resetPassphrase': null;
  'settings.get': SettingsDto;
  'settings.update': SettingsDto;
  'audit.list': AuditEventDto[];
  'audit.verify': AuditVerifyDto;
}

export type Method = keyof typeof contract;
export const methods: readonly Method[] = methodNames;
// Compile-time proof that method-names.ts lists exactly the contract's methods.
type SameKeys<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const methodNamesMatch: SameKeys<(typeof methodNames)[number], Method> = true;
const shellNamesMatch: SameKeys<(typeof shellMethodNames)[number], keyof typeof shellContract> = true;
void methodNamesMatch;
void shellNamesMatch;
export type Input<M extends Method> = z.input<(typeof contract)[M]['input']>;
export type ParsedInput<M extends Method> = z.output<(typeof contract)[M]['input']>;
export type Output<M extends Method> = Outputs[M];

/**
 * Methods only the desktop shell can answer (native dialogs). The preview bridge answers
 * them with "not available" so the renderer can hide the matching buttons.
 */
export const shellContract = {
  'shell.chooseFolder': { input: z.object({ purpose: z.enum(['create', 'open']) }).strict() },
} as const;
export type ShellMethod = keyof typeof shellContract;
export const shellMethods: readonly ShellMethod[] = shellMethodNames;
export interface ShellOutputs {
  'shell.chooseFolder': { path: string | null; available: boolean };
}
export type ShellInput<M extends ShellMethod> = z.input<(typeof shellContract)[M]['input']>;

/** What Electron's preload puts on `window.registre`: one async function per method, nothing generic. */
export type DesktopBridge = { readonly [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> } & {
  readonly [M in ShellMethod]: (input: ShellInput<M>) => Promise<Result<ShellOutputs[M]>>;
};

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}
export function isShellMethod(name: string): name is ShellMethod {
  return Object.prototype.hasOwnProperty.call(shellContract, name);
}
