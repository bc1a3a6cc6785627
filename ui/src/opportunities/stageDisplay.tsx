// How stages and amounts look wherever an opportunity appears (board, list, page, 360 card).
import { Tag } from 'antd';
import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Language, StageOutcome, StageRef } from '../ipc/client';
import { formatAmount } from './money';
import './opportunities.css';

/** The language texts are in now, re-rendering when it changes. */
export function useLanguage(): Language {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

export function stageName(stage: { nameZh: string; nameEn: string }, language: Language): string {
  return language === 'en' ? stage.nameEn : stage.nameZh;
}

const OUTCOME_TAG: Record<StageOutcome, string> = { open: 'processing', won: 'success', lost: 'error' };

/** The accent of a stage: open stages in blue, won green, lost red. */
export function outcomeColor(outcome: StageOutcome): string {
  return outcome === 'won' ? '#389e0d' : outcome === 'lost' ? '#cf1322' : '#1f6feb';
}

export function StageTag({ stage }: { stage: StageRef }) {
  const language = useLanguage();
  const icon = stage.outcome === 'won' ? <CheckCircleFilled /> : stage.outcome === 'lost' ? <CloseCircleFilled /> : undefined;
  return (
    <Tag color={OUTCOME_TAG[stage.outcome]} icon={icon} variant="filled" className="stage-tag" data-testid="stage-tag">
      {stageName(stage, language)}
    </Tag>
  );
}

/** An amount in its currency, formatted for the current language. */
export function Amount({ minor, currency, className }: { minor: number; currency: string; className?: string }) {
  const language = useLanguage();
  return <span className={className ?? 'amount'}>{formatAmount(minor, currency, language)}</span>;
}

/** An expected close date, flagged when an open opportunity is past it. */
export function CloseDate({ date, open }: { date: string | null; open: boolean }) {
  const { t } = useTranslation();
  if (!date) return <span className="muted">{t('opportunities.noCloseDate')}</span>;
  const overdue = open && date < dayjs().format('YYYY-MM-DD');
  return (
    <span className={overdue ? 'close-date overdue' : 'close-date'} title={overdue ? t('opportunities.overdue') : undefined}>
      {date}
    </span>
  );
}
