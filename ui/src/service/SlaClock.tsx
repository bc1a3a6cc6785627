// One SLA clock as people read it: the due time, and how it stands (time left, overdue, met,
// paused). The state is the core's; the countdown is only display.
import { Tooltip } from 'antd';
import { CheckCircleFilled, ClockCircleOutlined, ExclamationCircleFilled, PauseCircleOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { ClockState, Ticket } from '../ipc/client';
import { formatDateTime } from '../customers/display';
import { formatDue, formatSpan, useNow } from './slaTime';
import './service.css';

const ICONS: Record<ClockState, ReactNode> = {
  met: <CheckCircleFilled />,
  breached: <ExclamationCircleFilled />,
  due_soon: <WarningFilled />,
  running: <ClockCircleOutlined />,
  paused: <PauseCircleOutlined />,
};

export interface SlaClockProps {
  /** When the clock runs out. */
  due: string;
  state: ClockState;
  /** When it was stopped by the answer or the resolution, if it was. */
  doneAt?: string | null;
  /** One line (tables) instead of due time over state. */
  compact?: boolean;
  /** Leave out words that only name the state (met, paused, done late), where a label beside says it. */
  countdownOnly?: boolean;
  testId?: string;
}

/** The words under the due time: what is left or overdue for a running clock, else its state. */
function useClockWords({ due, state, doneAt, countdownOnly }: SlaClockProps): string | null {
  const { t } = useTranslation();
  const now = useNow();
  const left = Date.parse(due) - now;
  const stateOnly = state === 'met' || state === 'paused' || (state === 'breached' && doneAt);
  if (stateOnly) return countdownOnly ? null : t(`service.clock.${state}`);
  if (state === 'breached') return t('service.clock.overdue', { time: formatSpan(left, t) });
  return left <= 0 ? t('service.clock.overdue', { time: formatSpan(left, t) }) : t('service.clock.left', { time: formatSpan(left, t) });
}

export function SlaClock(props: SlaClockProps) {
  const { t } = useTranslation();
  const { due, state, compact, testId } = props;
  const words = useClockWords(props);
  const title = `${t('service.sla.due', { at: formatDateTime(due) })} · ${t(`service.clock.${state}`)}`;
  return (
    <Tooltip title={title}>
      <span className={`sla-clock sla-${state}${compact ? ' sla-compact' : ''}`} data-testid={testId ?? 'sla-clock'} data-state={state}>
        <span className="sla-icon">{ICONS[state]}</span>
        <span className="sla-due">{formatDue(due)}</span>
        {words && <span className="sla-words">{words}</span>}
      </span>
    </Tooltip>
  );
}

const URGENCY: Record<ClockState, number> = { breached: 4, due_soon: 3, running: 2, paused: 1, met: 0 };

/**
 * The clock that needs attention first on an open ticket: the first response while it is still
 * unanswered and more pressing than the resolution, else the resolution.
 */
export function mostUrgentClock(k: Ticket): Pick<SlaClockProps, 'due' | 'state' | 'doneAt'> {
  if (!k.firstResponseAt && URGENCY[k.firstResponseClock] > URGENCY[k.resolutionClock]) {
    return { due: k.firstResponseDue, state: k.firstResponseClock, doneAt: null };
  }
  return { due: k.resolutionDue, state: k.resolutionClock, doneAt: k.resolvedAt };
}
