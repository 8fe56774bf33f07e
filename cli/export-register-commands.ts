// Placeholder: replaced by the exports helpers.
import type { Command } from './kit';

export const exportRegisterCommands: Record<string, Command> = {};
export const exportRegisterUsage = '';
