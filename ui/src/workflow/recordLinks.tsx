// Where a record named by kind and id lives in the app, and a link to it with its kind's icon.
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { CustomerServiceOutlined, FunnelPlotOutlined, ProjectOutlined, TeamOutlined } from '@ant-design/icons';

const PATHS: Record<string, string> = {
  customer: '/customers',
  lead: '/leads',
  opportunity: '/opportunities',
  ticket: '/tickets',
};

const ICONS: Record<string, ReactNode> = {
  customer: <TeamOutlined />,
  lead: <FunnelPlotOutlined />,
  opportunity: <ProjectOutlined />,
  ticket: <CustomerServiceOutlined />,
};

export function recordPath(kind: string, id: string): string | null {
  const base = PATHS[kind];
  return base ? `${base}/${encodeURIComponent(id)}` : null;
}

interface Props {
  kind: string;
  id: string;
  label: string | null;
  testId?: string;
}

/** The record's name linking to its page (its id when the name is unknown). */
export function RecordLink({ kind, id, label, testId }: Props) {
  const path = recordPath(kind, id);
  const text = (
    <>
      {ICONS[kind]} <span>{label ?? id}</span>
    </>
  );
  if (!path) return <span className="record-link">{text}</span>;
  return (
    <Link to={path} className="record-link" data-testid={testId} onClick={(e) => e.stopPropagation()}>
      {text}
    </Link>
  );
}
