import type { ReactNode } from 'react';
import {
  FieldTimeOutlined,
  InboxOutlined,
  MessageOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SlaFigures } from '../../ipc/client';
import { useLanguage } from '../../opportunities/stageDisplay';
import { formatWorkingMinutes } from '../workingTime';
import { firstResponseRate, formatRate, meanStars, percentOf, rateTone, resolutionRate } from './slaFigures';
import { Stars } from './Stars';

interface TileProps {
  tone: 'blue' | 'indigo' | 'green' | 'amber' | 'teal' | 'rose';
  icon: ReactNode;
  label: string;
  value: ReactNode;
  note: ReactNode;
  testId: string;
}

function Tile({ tone, icon, label, value, note, testId }: TileProps) {
  return (
    <div className={`kpi-tile kpi-${tone}`} data-testid={testId}>
      <div className="kpi-icon">{icon}</div>
      <div className="kpi-body">
        <div className="kpi-label">{label}</div>
        <div className="kpi-value" data-testid={`${testId}-value`}>
          {value}
        </div>
        <div className="kpi-note">{note}</div>
      </div>
    </div>
  );
}

/** A met rate with a bar split into met (green) and breached (red). */
function MetNote({ met, breached }: { met: number; breached: number }) {
  const { t } = useTranslation();
  return (
    <span className="kpi-met">
      <span className="kpi-met-bar">
        <span style={{ width: `${percentOf(met, met + breached)}%` }} />
      </span>
      {t('desk.report.metBreached', { met, breached })}
    </span>
  );
}

/** The figures a service manager asks first, over all tickets of the period. */
export function SlaKpiTiles({ total: f }: { total: SlaFigures }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const none = t('common.none');
  const fr = firstResponseRate(f);
  const res = resolutionRate(f);
  const stars = meanStars(f);
  return (
    <div className="sla-kpis">
      <Tile
        tone="blue"
        icon={<InboxOutlined />}
        label={t('desk.report.tickets')}
        value={f.tickets}
        note={t('desk.report.openNote', { count: f.open })}
        testId="sla-kpi-tickets"
      />
      <Tile
        tone={rateTone(fr) === 'bad' ? 'rose' : 'green'}
        icon={<SafetyCertificateOutlined />}
        label={t('desk.report.firstResponseMet')}
        value={formatRate(fr, language) ?? none}
        note={<MetNote met={f.firstResponseMet} breached={f.firstResponseBreached} />}
        testId="sla-kpi-first-response"
      />
      <Tile
        tone={rateTone(res) === 'bad' ? 'rose' : 'green'}
        icon={<SafetyCertificateOutlined />}
        label={t('desk.report.resolutionMet')}
        value={formatRate(res, language) ?? none}
        note={<MetNote met={f.resolutionMet} breached={f.resolutionBreached} />}
        testId="sla-kpi-resolution"
      />
      <Tile
        tone="indigo"
        icon={<MessageOutlined />}
        label={t('desk.report.meanFirstResponse')}
        value={formatWorkingMinutes(t, f.meanFirstResponseMinutes)}
        note={t('desk.report.workingTime')}
        testId="sla-kpi-mean-first-response"
      />
      <Tile
        tone="teal"
        icon={<FieldTimeOutlined />}
        label={t('desk.report.meanResolution')}
        value={formatWorkingMinutes(t, f.meanResolutionMinutes)}
        note={t('desk.report.workingTime')}
        testId="sla-kpi-mean-resolution"
      />
      <Tile
        tone="amber"
        icon={<StarOutlined />}
        label={t('desk.report.satisfaction')}
        value={
          stars === null ? (
            none
          ) : (
            <span className="kpi-stars">
              {stars.toFixed(1)} <Stars value={stars} />
            </span>
          )
        }
        note={t('desk.report.ratedNote', { count: f.rated })}
        testId="sla-kpi-satisfaction"
      />
    </div>
  );
}
