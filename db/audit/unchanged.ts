/**
 * Answers kept until the register changes: every change appends to the audit chain in its
 * own transaction (DESIGN §5), so while the chain's head and the day stay put, a count over
 * the whole register is still true. For counts that read everything (the retention clocks,
 * a million consent events) and are asked at every visit of the home screen.
 */
import { today, type CallContext } from '../context';

type Kept = Map<string, { at: string; value: unknown }>;
const kept = new WeakMap<object, Kept>();

/** `compute()`'s answer for this open vault, counted again once the day or the audit-chain head moved. */
export async function untilChanged<T>(ctx: CallContext, name: string, compute: () => Promise<T>): Promise<T> {
  const head = await ctx.db.selectFrom('audit_head').select('seq').executeTakeFirst();
  const at = `${today(ctx)}#${head?.seq ?? 0}`;
  let answers = kept.get(ctx.vault);
  if (!answers) kept.set(ctx.vault, (answers = new Map() as Kept));
  const last = answers.get(name);
  if (last?.at === at) return last.value as T;
  const value = await compute();
  answers.set(name, { at, value });
  return value;
}
