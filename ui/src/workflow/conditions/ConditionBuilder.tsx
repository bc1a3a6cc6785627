// The visual condition builder: nested all / any / none groups of one-field tests. Shared by the
// workflow rules and the customer segments; it knows nothing about either, only the condition
// tree and the fields the core offers for the kind of record (rule_fields).
import type { Condition, ConditionField } from '../../ipc/client';
import { asRootGroup } from './conditionModel';
import { ConditionGroupEditor } from './ConditionGroupEditor';
import type { BuilderEnv, SegmentOption } from './builderEnv';
import './conditionBuilder.css';

export interface ConditionBuilderProps {
  value: Condition;
  onChange: (value: Condition) => void;
  /** The fields a test may look at, with their kind and options (from the core). */
  fields: ConditionField[];
  /** Tag names to suggest for tag tests (new names can be typed too). */
  tagNames?: string[];
  /**
   * The segments a membership test may name (the segment builder passes every segment but the
   * one being edited); ids are stored, names shown.
   */
  segments?: SegmentOption[];
  /** Read-only: shows the condition without the editing controls. */
  disabled?: boolean;
  /** How deep groups may nest below the top one; deeper trees get hard to read. */
  maxDepth?: number;
}

const NO_SEGMENTS: SegmentOption[] = [];

export function ConditionBuilder({
  value,
  onChange,
  fields,
  tagNames = [],
  segments = NO_SEGMENTS,
  disabled = false,
  maxDepth = 3,
}: ConditionBuilderProps) {
  const env: BuilderEnv = { fields, tagNames, segments, disabled, maxDepth };
  return (
    <div className="condition-builder" data-testid="condition-builder">
      <ConditionGroupEditor group={asRootGroup(value)} onChange={onChange} depth={0} env={env} />
    </div>
  );
}
