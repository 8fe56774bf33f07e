import type { RopaFixTarget } from '../../shared/dto/report-docs';
import type { Slice } from './types';

export interface FixSlice {
  /** Where a finding of the record-of-processing check is fixed, until that screen has opened it. */
  fixTarget: RopaFixTarget | null;
  /** From the Reports screen: the section that fixes a finding, opened at the record concerned. */
  openFix(target: RopaFixTarget): void;
  /** The screen took the target (its tab and record are open). */
  clearFix(): void;
}

export const createFixSlice: Slice<FixSlice> = (set, get) => ({
  fixTarget: null,
  openFix(target) {
    set({ fixTarget: target });
    get().navigate(target.route);
  },
  clearFix: () => set({ fixTarget: null }),
});
