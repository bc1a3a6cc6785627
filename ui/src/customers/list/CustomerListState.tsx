import { createContext, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { FieldFilter, SortSpec } from '../../ipc/client';
import { EMPTY_LIST_STATE, type ListState } from './listModel';

interface ListSetters {
  setFieldFilter: (key: string, filter: FieldFilter | null) => void;
  setTagIds: (tagIds: string[]) => void;
  setTrash: (trash: boolean) => void;
  setSort: (sort: SortSpec) => void;
  clearFilters: () => void;
}

interface ListStateApi extends ListSetters {
  state: ListState;
  /** Bumped by clearFilters, so inputs holding their own text start empty again. */
  generation: number;
  /**
   * Where the list was scrolled to and for which filter and sort, so coming back from a
   * customer lands at the same row, while another filter starts at the top.
   */
  scrollOffset: { current: ScrollPosition };
}

export interface ScrollPosition {
  key: string;
  offset: number;
}

const ListStateContext = createContext<ListStateApi | null>(null);

function sameFilter(a: FieldFilter | undefined, b: FieldFilter | null): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b);
}

/** Lives above the routes so the list keeps its filters while the user visits a customer. */
export function CustomerListStateProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<ListState>(EMPTY_LIST_STATE);
  const [generation, setGeneration] = useState(0);
  const scrollOffset = useRef<ScrollPosition>({ key: '', offset: 0 });
  // Setters never change identity, so inputs may call them from effects without looping.
  const setters = useMemo<ListSetters>(
    () => ({
      setFieldFilter: (key, filter) =>
        setState((s) => {
          if (sameFilter(s.fields[key], filter)) return s;
          const fields = { ...s.fields };
          if (filter) fields[key] = filter;
          else delete fields[key];
          return { ...s, fields };
        }),
      setTagIds: (tagIds) => setState((s) => ({ ...s, tagIds })),
      setTrash: (trash) => setState((s) => ({ ...s, trash })),
      setSort: (sort) => setState((s) => ({ ...s, sort })),
      clearFilters: () => {
        setState((s) => ({ ...s, fields: {}, tagIds: [] }));
        setGeneration((g) => g + 1);
      },
    }),
    [],
  );
  const api = useMemo<ListStateApi>(
    () => ({ ...setters, state, generation, scrollOffset }),
    [setters, state, generation],
  );
  return <ListStateContext.Provider value={api}>{children}</ListStateContext.Provider>;
}

export function useCustomerListState(): ListStateApi {
  const api = useContext(ListStateContext);
  if (!api) throw new Error('useCustomerListState outside CustomerListStateProvider');
  return api;
}
