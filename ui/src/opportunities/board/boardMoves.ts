// What the board looks like right after a card is dropped, before the core answers: the card
// leaves its column and leads the new one, counts and totals follow. The core's answer (or the
// refetch after a refusal) replaces this guess.
import type { BoardColumn, CurrencyAmount, Opportunity, StageRef } from '../../ipc/client';

function addTo(totals: CurrencyAmount[], currency: string, amount: number): CurrencyAmount[] {
  const found = totals.some((t) => t.currency === currency);
  return found
    ? totals.map((t) => (t.currency === currency ? { ...t, amount: t.amount + amount } : t))
    : [...totals, { currency, amount }];
}

/** The probability an opportunity takes in a stage it is moved to (the core's rule). */
export function probabilityIn(stage: StageRef, stageDefault: number): number {
  return stage.outcome === 'won' ? 100 : stage.outcome === 'lost' ? 0 : stageDefault;
}

export function moveCard(columns: BoardColumn[], card: Opportunity, to: StageRef): BoardColumn[] {
  const target = columns.find((c) => c.stage.id === to.id);
  if (!target || card.stage.id === to.id) return columns;
  const probability = probabilityIn(to, target.probability);
  const moved: Opportunity = {
    ...card,
    stage: to,
    probability,
    weightedAmount: Math.floor((card.amount * probability) / 100),
  };
  return columns.map((column) => {
    if (column.stage.id === card.stage.id) {
      return {
        ...column,
        count: Math.max(0, column.count - 1),
        // A currency whose total drops to nothing most likely has no card left.
        totals: addTo(column.totals, card.currency, -card.amount).filter((t) => t.amount > 0),
        items: column.items.filter((o) => o.id !== card.id),
      };
    }
    if (column.stage.id === to.id) {
      return {
        ...column,
        count: column.count + 1,
        totals: addTo(column.totals, card.currency, card.amount),
        items: [moved, ...column.items],
      };
    }
    return column;
  });
}
