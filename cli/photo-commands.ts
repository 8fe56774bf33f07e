/** CLI commands for shared/api-photo.ts (issue 4). */
import type { Command } from './kit';

export const photoCommands: Record<string, Command> = {};

/** This module's lines of `registre --help`. */
export const photoUsage = '';
