/**
 * The steps a rights request may take (DESIGN §5), as one table: the core refuses any
 * other, and the screens will offer only these. `received → awaiting_identity →
 * in_progress → on_hold → completed | refused`, with the detours the work needs:
 * - identity or clarification may be asked at intake or once the work has started, and
 *   its arrival restarts the clock (Art. 12(6), recital 64);
 * - a request waiting on something else (`on_hold`) keeps its clock running: only the
 *   requester's own answer stops it;
 * - a request is completed from work in progress only, but may be refused from any open
 *   state (identity never proven is a refusal while waiting for it).
 */
import type { RequestStatus, requestStepKinds } from '../vocabulary';

/** The steps that move a request from one state to another (the extension changes no state). */
export type RequestStep = (typeof requestStepKinds)[number];

export const requestSteps: Record<RequestStep, { from: readonly RequestStatus[]; to: RequestStatus }> = {
  identity_requested: { from: ['received', 'in_progress'], to: 'awaiting_identity' },
  identity_received: { from: ['awaiting_identity'], to: 'in_progress' },
  started: { from: ['received'], to: 'in_progress' },
  held: { from: ['in_progress'], to: 'on_hold' },
  resumed: { from: ['on_hold'], to: 'in_progress' },
  completed: { from: ['in_progress'], to: 'completed' },
  refused: { from: ['received', 'awaiting_identity', 'in_progress', 'on_hold'], to: 'refused' },
};

export const closedStates: readonly RequestStatus[] = ['completed', 'refused'];

export const isClosed = (state: RequestStatus): boolean => closedStates.includes(state);

/** The steps a request in `state` may take next, in the table's order. */
export function stepsFrom(state: RequestStatus): RequestStep[] {
  return (Object.keys(requestSteps) as RequestStep[]).filter((s) => requestSteps[s].from.includes(state));
}

/** Whether the clock runs: it stops while the requester's identity or clarification is awaited, and once the request is closed. */
export const clockRuns = (state: RequestStatus): boolean => state !== 'awaiting_identity' && !isClosed(state);
