/** Which reply letters fit a request as it stands: the one rule the core and the request page share. */
import { describe, expect, it } from 'vitest';
import { letterRefusal } from '../../shared/rules/letter-kinds';

describe('letterRefusal', () => {
  it('wants an extension for the extension letter, a matching outcome for the reply, an open request to ask', () => {
    expect(letterRefusal('extension', 'in_progress', false)).toBe('letter_not_extended');
    expect(letterRefusal('extension', 'in_progress', true)).toBeNull();
    expect(letterRefusal('completion', 'refused', false)).toBe('letter_outcome_mismatch');
    expect(letterRefusal('refusal', 'completed', false)).toBe('letter_outcome_mismatch');
    expect(letterRefusal('refusal', 'in_progress', false)).toBeNull();
    expect(letterRefusal('completion', 'completed', false)).toBeNull();
    expect(letterRefusal('acknowledgement', 'completed', false)).toBe('request_closed');
    expect(letterRefusal('identity_request', 'refused', false)).toBe('request_closed');
    expect(letterRefusal('clarification_request', 'awaiting_identity', false)).toBeNull();
  });
});
