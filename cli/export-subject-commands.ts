// Placeholder: replaced by the exports helpers.
import type { Command } from './kit';

export const exportSubjectCommands: Record<string, Command> = {};
export const exportSubjectUsage = '';
