import type { ConditionField } from '../../ipc/client';

/** What every part of one condition builder shares. */
export interface BuilderEnv {
  fields: ConditionField[];
  tagNames: string[];
  disabled: boolean;
  maxDepth: number;
}
