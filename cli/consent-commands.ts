/** CLI commands for shared/api-consents.ts (issue 4). */
import type { Command } from './kit';

export const consentCommands: Record<string, Command> = {};

/** This module's lines of `registre --help`. */
export const consentUsage = '';
