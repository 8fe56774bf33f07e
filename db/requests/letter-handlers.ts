/** Handlers for shared/api/request-letters.ts. */
import type { requestLettersContract } from '../../shared/api/request-letters';
import type { HandlersOf } from '../context';
import { draftLetter, getLetter, saveLetter } from './letters';

export const requestLettersHandlers: HandlersOf<keyof typeof requestLettersContract> = {
  'requests.draftLetter': async (i, core) => draftLetter(core.context(), i),
  'requests.saveLetter': async (i, core) => saveLetter(core.context(), i),
  'requests.letter': async (i, core) => getLetter(core.context(), i),
};
