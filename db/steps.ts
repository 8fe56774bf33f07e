/**
 * Named steps of the operations that must survive a crash (rekey, export, import, consent
 * writes, erasure), published on one `node:diagnostics_channel` channel. Nothing listens in the app,
 * and publishing to a channel without subscribers costs nothing; the crash proofs
 * (`npm run proof`, tests/proof) subscribe and SIGKILL their child process at a chosen step,
 * so every step of every operation is hit on purpose, not only at random moments.
 */
import { channel } from 'node:diagnostics_channel';

export const STEP_CHANNEL = 'registre:step';

const steps = channel(STEP_CHANNEL);

/** One published step: the operation and the point it has just reached. */
export interface StepMessage {
  operation: string;
  step: string;
}

/** Announces that `operation` has just reached `step` (e.g. 'rekey', 'renamed'). */
export function reached(operation: string, step: string): void {
  if (steps.hasSubscribers) steps.publish({ operation, step } satisfies StepMessage);
}
