/**
 * What one contract entry says about its method, in one place (DESIGN §3). Every list the
 * transports and the core keep (preload names, unqueued methods, file exports, session
 * changes, whose data a read is about) is derived from these entries, so adding a method
 * is its entry and its handler, nothing else.
 */
import type { z } from 'zod';
import type { Access } from './fields';

declare const outputType: unique symbol;
/** A method's output type, carried by its entry without a value (a phantom). */
export interface Returns<O> {
  readonly [outputType]?: O;
}
export const returns = <O>(): Returns<O> => ({});

/**
 * Whose personal data a read is about: the contact id in its input, or `null` for a read
 * that is not about one person. An auditor's look at a person is logged in that person's
 * history from this, so every read must say it (a compile error otherwise).
 */
export type SubjectOf<I extends z.ZodType> = ((input: z.output<I>) => string | undefined) | null;

interface EntryBase<A extends Access, I extends z.ZodType, O> {
  access: A;
  input: I;
  output: Returns<O>;
  /** Answered beside the one-call-at-a-time queue: a question about the call running now. */
  unqueued?: true;
  /** Writes a file at the input's `out` path, as the core's one export job (progress, cancel). */
  writesFile?: true;
  /** Logs its own audit event, so an auditor's call is not logged again as a view. */
  selfAudited?: true;
  /**
   * A `self` method that changes nothing (a ping, a question about the running export, a
   * check of a file): it stays allowed while the vault is open read-only. Every other
   * `self` method is refused then, like every write.
   */
  changesNothing?: true;
  /** Afterwards the person at the keyboard may be someone else: approvals from before lapse. */
  changesSession?: true;
}

export type Entry<A extends Access = Access, I extends z.ZodType = z.ZodType, O = unknown> = EntryBase<A, I, O> & (A extends 'read' ? { subject: SubjectOf<I> } : { subject?: never });

/** Any entry, as the loops over every method read it (a subject of any input). */
export type AnyEntry = EntryBase<Access, z.ZodType, unknown> & { subject?: ((input: never) => string | undefined) | null };

/** One contract entry, checked: a read must name its subject; nothing else may. */
export function method<A extends Access, I extends z.ZodType, O>(entry: Entry<A, I, O>): Entry<A, I, O> {
  return entry;
}

/** A method only the desktop shell answers (native dialogs); the preview says "not available". */
export interface ShellEntry<I extends z.ZodType = z.ZodType, O = unknown> {
  input: I;
  output: Returns<O>;
}
export function shellMethod<I extends z.ZodType, O>(entry: ShellEntry<I, O>): ShellEntry<I, O> {
  return entry;
}

export type OutputOf<E> = E extends { output: Returns<infer O> } ? O : never;
