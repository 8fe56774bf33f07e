/** Handlers for shared/api-photos.ts. */
import type { PhotoOutputs } from '../shared/api-photos';
import type { HandlersOf } from './service';

export const photoHandlers: HandlersOf<keyof PhotoOutputs> = {};
