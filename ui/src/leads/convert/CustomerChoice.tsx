import type { KeyboardEvent, ReactNode } from 'react';
import { Radio, Tag } from 'antd';
import { PlusCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CustomerMatch } from '../../ipc/client';
import { NEW_CUSTOMER } from './convertModel';

interface Props {
  matches: CustomerMatch[];
  /** Given by the Form.Item: a customer's id, NEW_CUSTOMER, or nothing chosen yet. */
  value?: string;
  onChange?: (value: string) => void;
}

interface CardProps {
  selected: boolean;
  onSelect: () => void;
  testId: string;
  customerId?: string;
  icon: ReactNode;
  children: ReactNode;
}

/** One choice, as a card the whole of which can be clicked (or chosen with Enter or Space). */
function ChoiceCard({ selected, onSelect, testId, customerId, icon, children }: CardProps) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect();
    }
  };
  return (
    <div
      role="radio"
      aria-checked={selected}
      tabIndex={0}
      className={selected ? 'convert-choice convert-choice-selected' : 'convert-choice'}
      data-testid={testId}
      data-customer-id={customerId}
      onClick={onSelect}
      onKeyDown={onKeyDown}
    >
      <Radio checked={selected} tabIndex={-1} className="convert-choice-radio" />
      <span className="convert-choice-icon">{icon}</span>
      <div className="convert-choice-body">{children}</div>
    </div>
  );
}

/** An existing customer, with why it looks like the lead (phone and email weigh most). */
function MatchCard({ match: m, selected, onSelect }: { match: CustomerMatch; selected: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  return (
    <ChoiceCard selected={selected} onSelect={onSelect} testId="convert-match" customerId={m.id} icon={<TeamOutlined />}>
      <div className="convert-choice-title">
        {m.name}
        {m.reasons.map((r) => (
          <Tag key={r} color={r === 'phone' || r === 'email' ? 'orange' : 'default'} className="convert-reason">
            {t(`leads.convert.reasons.${r}`)}
          </Tag>
        ))}
      </div>
      <div className="convert-choice-meta">
        {[m.company, m.city, ...m.phones.slice(0, 2), ...m.emails.slice(0, 1)].filter(Boolean).join(' · ')}
      </div>
    </ChoiceCard>
  );
}

/** The existing customers the lead may be (strongest evidence first), or a new customer. */
export function CustomerChoice({ matches, value, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <div role="radiogroup" className="convert-choices">
      {matches.length > 0 && (
        <div className="convert-matches" data-testid="convert-matches">
          {matches.map((m) => (
            <MatchCard key={m.id} match={m} selected={value === m.id} onSelect={() => onChange?.(m.id)} />
          ))}
        </div>
      )}
      <ChoiceCard
        selected={value === NEW_CUSTOMER}
        onSelect={() => onChange?.(NEW_CUSTOMER)}
        testId="convert-new-customer"
        icon={<PlusCircleOutlined />}
      >
        <div className="convert-choice-title">{t('leads.convert.newCustomer')}</div>
        <div className="convert-choice-meta">{t('leads.convert.newCustomerHint')}</div>
      </ChoiceCard>
    </div>
  );
}
