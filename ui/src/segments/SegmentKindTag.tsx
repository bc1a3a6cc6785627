import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { CameraOutlined, LockOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SegmentKind } from '../ipc/client';

const COLORS: Record<SegmentKind, string> = { dynamic: 'blue', fixed: 'purple', snapshot: 'orange' };
const ICONS: Record<SegmentKind, ReactNode> = {
  dynamic: <ThunderboltOutlined />,
  fixed: <LockOutlined />,
  snapshot: <CameraOutlined />,
};

/** 动态分组 / 固定分组 / 快照分组, each in its own colour. */
export function SegmentKindTag({ kind }: { kind: SegmentKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={COLORS[kind]} icon={ICONS[kind]} className="segment-kind-tag" data-testid="segment-kind" data-kind={kind}>
      {t(`segments.kind.${kind}`)}
    </Tag>
  );
}
