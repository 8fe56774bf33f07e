/**
 * Answers kept until the register changes: every change appends to the audit chain in its
 * own transaction (DESIGN §5), so while the day stays put and every event since an answer
 * was counted is a look (lookOnlyActions: a view, a reveal, an export), a count over the
 * whole register is still true. For counts that read everything (the retention clocks, a
 * million consent events) and are asked at every visit of the home screen — an auditor's
 * every look is logged, and would otherwise recount them at each visit.
 */
import { lookOnlyActions } from '../../shared/audit-vocabulary';
import { today, type CallContext } from '../context';
import { chainSeq } from './chain';

type Kept = Map<string, { day: string; seq: number; value: unknown }>;
const kept = new WeakMap<object, Kept>();

/** `compute()`'s answer for this open vault, counted again once the day moved or something changed. */
export async function untilChanged<T>(ctx: CallContext, name: string, compute: () => Promise<T>): Promise<T> {
  const seq = await chainSeq(ctx.db);
  const day = today(ctx);
  let answers = kept.get(ctx.vault);
  if (!answers) kept.set(ctx.vault, (answers = new Map() as Kept));
  const last = answers.get(name);
  if (last && last.day === day && (last.seq === seq || !(await changedSince(ctx, last.seq)))) {
    last.seq = seq;
    return last.value as T;
  }
  const value = await compute();
  answers.set(name, { day, seq, value });
  return value;
}

/** Whether an event after `seq` is anything but a look (a few events, read by their seq). */
async function changedSince(ctx: CallContext, seq: number): Promise<boolean> {
  const change = await ctx.db.selectFrom('audit_events').select('seq').where('seq', '>', seq).where('action', 'not in', lookOnlyActions).limit(1).executeTakeFirst();
  return change !== undefined;
}
