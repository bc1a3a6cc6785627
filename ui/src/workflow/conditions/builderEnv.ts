import type { ConditionField } from '../../ipc/client';

/** A segment a membership test may name: the id is stored, the name is shown. */
export interface SegmentOption {
  id: string;
  name: string;
}

/** What every part of one condition builder shares. */
export interface BuilderEnv {
  fields: ConditionField[];
  tagNames: string[];
  /** The segments a membership test offers (none outside the segment builder). */
  segments: SegmentOption[];
  disabled: boolean;
  maxDepth: number;
}
