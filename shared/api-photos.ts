/** Photo preferences' part of the API contract (issue 4). */
import type { z } from 'zod';
import type { Access } from './api-fields';

export const photoContract = {} as const satisfies Record<string, { access: Access; input: z.ZodType }>;

export type PhotoOutputs = Record<never, never>;
