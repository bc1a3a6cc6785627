import { useQuery } from '@tanstack/react-query';
import { ipc, type FieldDef, type Tag } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';

/** All dimensions, built-in and custom, deleted ones included (settings shows them). */
export function useFields() {
  return useQuery({ queryKey: queryKeys.fields, queryFn: () => ipc.fieldList(), staleTime: Infinity });
}

export function useTags() {
  return useQuery({ queryKey: queryKeys.tags, queryFn: () => ipc.tagList(), staleTime: Infinity });
}

const NO_FIELDS: FieldDef[] = [];
const NO_TAGS: Tag[] = [];

/** The dimensions a customer can hold values for now. */
export function useLiveFields(): { builtin: FieldDef[]; custom: FieldDef[]; all: FieldDef[] } {
  const all = useFields().data ?? NO_FIELDS;
  const live = all.filter((f) => f.deletedAt === null);
  return { builtin: live.filter((f) => f.builtin), custom: live.filter((f) => !f.builtin), all };
}

export function useTagList(): Tag[] {
  return useTags().data ?? NO_TAGS;
}
