import { Tag as AntTag } from 'antd';
import type { Tag } from '../ipc/client';
import { tagById } from './labels';

/** The customer's tags in their colours; ids of tags deleted since are left out. */
export function TagList({ tagIds, tags, max }: { tagIds: string[]; tags: Tag[]; max?: number }) {
  const shown = tagIds.map((id) => tagById(tags, id)).filter((t): t is Tag => t !== undefined);
  const visible = max === undefined ? shown : shown.slice(0, max);
  return (
    <span className="tag-list">
      {visible.map((t) => (
        <AntTag key={t.id} color={t.color} variant="filled" style={{ marginInlineEnd: 4 }}>
          {t.name}
        </AntTag>
      ))}
      {visible.length < shown.length && <AntTag>+{shown.length - visible.length}</AntTag>}
    </span>
  );
}
