// The ticket routing as the settings panel edits it. Categories keep a row key of their own, so
// a new category's inputs stay put while its key is typed; saved keys are not renamed (tickets
// and agents' skills refer to them).
import type { RoutingStrategy, TicketCategory, TicketRouting } from '../../ipc/client';

export const STRATEGIES: RoutingStrategy[] = ['manual', 'round_robin', 'least_loaded'];

export interface CategoryDraft extends TicketCategory {
  rowKey: string;
  /** Already saved: its key is fixed. */
  saved: boolean;
}

export interface RoutingDraft {
  strategy: RoutingStrategy;
  bySkill: boolean;
  categories: CategoryDraft[];
}

export function fromRouting(routing: TicketRouting): RoutingDraft {
  return {
    strategy: routing.strategy,
    bySkill: routing.bySkill,
    categories: routing.categories.map((c) => ({ ...c, rowKey: `saved-${c.key}`, saved: true })),
  };
}

export function toRouting(draft: RoutingDraft): TicketRouting {
  return {
    strategy: draft.strategy,
    bySkill: draft.bySkill,
    categories: draft.categories.map(({ key, labelZh, labelEn }) => ({ key, labelZh, labelEn })),
  };
}

export function addCategory(draft: RoutingDraft, rowKey: string): RoutingDraft {
  return { ...draft, categories: [...draft.categories, { rowKey, key: '', labelZh: '', labelEn: '', saved: false }] };
}

export function updateCategory(draft: RoutingDraft, rowKey: string, change: Partial<TicketCategory>): RoutingDraft {
  return { ...draft, categories: draft.categories.map((c) => (c.rowKey === rowKey ? { ...c, ...change } : c)) };
}

export function removeCategory(draft: RoutingDraft, rowKey: string): RoutingDraft {
  return { ...draft, categories: draft.categories.filter((c) => c.rowKey !== rowKey) };
}
