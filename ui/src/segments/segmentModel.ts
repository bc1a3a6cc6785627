// A segment as the editor holds it, and what the editor may change of it. The core decides the
// same (crm-core segments::store); the editor only hides what would be refused.
import type { Segment, SegmentInput, SegmentKind } from '../ipc/client';
import { EMPTY_CONDITION, countTests } from '../workflow/conditions/conditionModel';
import type { SegmentOption } from '../workflow/conditions/builderEnv';

export const SEGMENT_KINDS: SegmentKind[] = ['dynamic', 'fixed', 'snapshot'];

export interface SegmentDraft {
  name: string;
  kind: SegmentKind;
  description: string;
  condition: SegmentInput['condition'];
}

export function draftOf(segment?: Segment): SegmentDraft {
  if (!segment) return { name: '', kind: 'dynamic', description: '', condition: EMPTY_CONDITION };
  return { name: segment.name, kind: segment.kind, description: segment.description ?? '', condition: segment.condition };
}

/** What is sent: the name and description trimmed (an empty description is none). */
export function toSegmentInput(draft: SegmentDraft): SegmentInput {
  const description = draft.description.trim();
  return { name: draft.name.trim(), kind: draft.kind, description: description || null, condition: draft.condition };
}

/** A fixed segment's definition only records how it was first filled: it stays as it is. */
export function definitionLocked(kind: SegmentKind, editing: boolean): boolean {
  return editing && kind === 'fixed';
}

/** A fixed segment made without conditions starts empty instead of holding everyone. */
export function startsEmpty(draft: SegmentDraft): boolean {
  return draft.kind === 'fixed' && countTests(draft.condition) === 0;
}

/** The segments a membership test may name: all but the one being edited (it cannot hold itself). */
export function segmentOptions(segments: Segment[], editingId?: string): SegmentOption[] {
  return segments.filter((s) => s.id !== editingId).map((s) => ({ id: s.id, name: s.name }));
}
