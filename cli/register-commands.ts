/** CLI commands for shared/api-register.ts (issue 4). */
import type { Command } from './kit';

export const registerCommands: Record<string, Command> = {};

/** This module's lines of `registre --help`. */
export const registerUsage = '';
