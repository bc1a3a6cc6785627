// The stage list as the administrator edits it before saving it whole. The core has the final
// word (open stages first, one won and one lost, no removal of a stage in use); these only keep
// the editor from offering moves that could never be saved.
import type { Stage, StageInput, StageOutcome } from '../../ipc/client';

export interface StageDraft {
  /** The stage's id; null for a stage added here and not saved yet. */
  id: string | null;
  /** Stable while editing, for React and for tests. */
  rowKey: string;
  nameZh: string;
  nameEn: string;
  probability: number;
  outcome: StageOutcome;
  opportunityCount: number;
}

export function fromStages(stages: Stage[]): StageDraft[] {
  return stages.map((s) => ({
    id: s.id,
    rowKey: s.id,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    probability: s.probability,
    outcome: s.outcome,
    opportunityCount: s.opportunityCount,
  }));
}

export function toStageInputs(drafts: StageDraft[]): StageInput[] {
  return drafts.map((d) => ({
    id: d.id,
    nameZh: d.nameZh.trim(),
    nameEn: d.nameEn.trim(),
    probability: d.probability,
    outcome: d.outcome,
  }));
}

const group = (d: StageDraft) => (d.outcome === 'open' ? 'open' : 'closed');

/** Open stages move among open stages, won and lost between themselves. */
export function canMove(drafts: StageDraft[], index: number, step: -1 | 1): boolean {
  const other = drafts[index + step];
  return other !== undefined && group(other) === group(drafts[index]);
}

export function moveStage(drafts: StageDraft[], index: number, step: -1 | 1): StageDraft[] {
  if (!canMove(drafts, index, step)) return drafts;
  const next = [...drafts];
  [next[index], next[index + step]] = [next[index + step], next[index]];
  return next;
}

/** A new open stage after the last open one, its probability between its neighbours'. */
export function addOpenStage(drafts: StageDraft[], rowKey: string): StageDraft[] {
  const firstClosed = drafts.findIndex((d) => d.outcome !== 'open');
  const at = firstClosed === -1 ? drafts.length : firstClosed;
  const before = drafts[at - 1]?.outcome === 'open' ? drafts[at - 1].probability : 0;
  const stage: StageDraft = {
    id: null, rowKey, nameZh: '', nameEn: '', probability: Math.min(100, Math.round((before + 100) / 2)),
    outcome: 'open', opportunityCount: 0,
  };
  return [...drafts.slice(0, at), stage, ...drafts.slice(at)];
}

export function removeStage(drafts: StageDraft[], index: number): StageDraft[] {
  return drafts.filter((_, i) => i !== index);
}

export function updateStage(drafts: StageDraft[], index: number, change: Partial<StageDraft>): StageDraft[] {
  return drafts.map((d, i) => (i === index ? { ...d, ...change } : d));
}
