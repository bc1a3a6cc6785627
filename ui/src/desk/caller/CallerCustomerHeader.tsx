import { Button, Descriptions, Space } from 'antd';
import { ArrowRightOutlined, PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../ipc/client';
import { useLiveFields, useTagList } from '../../classification/queries';
import { TagList } from '../../classification/TagList';
import { findField, optionLabel } from '../../classification/labels';
import { KindTag, LifecycleTag } from '../../customers/display';
import { TerritoryTag } from '../../customers/detail/TerritoryTag';
import { useLanguage } from '../../opportunities/stageDisplay';

interface Props {
  customer: Customer;
  onNewTicket: () => void;
}

/** Who is calling: name and badges, the way to open a ticket for them, and their key facts. */
export function CallerCustomerHeader({ customer: c, onNewTicket }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { builtin } = useLiveFields();
  const tags = useTagList();
  const none = <span className="muted">{t('desk.caller.noValue')}</span>;
  const place = [c.province, c.city].filter((x, i, all) => x && all.indexOf(x) === i).join(' ');
  return (
    <div className="caller-customer">
      <div className="caller-customer-top">
        <div className="caller-customer-text">
          <h2 className="caller-customer-name" data-testid="caller-card-name">
            {c.name}
          </h2>
          <Space size={4} wrap>
            <KindTag kind={c.kind} />
            <LifecycleTag lifecycle={c.lifecycle} />
            {c.tier && <span className="tier-badge">{optionLabel(findField(builtin, 'tier'), c.tier, language)}</span>}
            <TagList tagIds={c.tagIds} tags={tags} />
          </Space>
        </div>
        <div className="caller-customer-actions">
          <Button type="primary" size="large" icon={<PlusOutlined />} onClick={onNewTicket} data-testid="desk-new-ticket">
            {t('desk.caller.newTicket')}
          </Button>
          <Link to={`/customers/${c.id}`} className="caller-360-link" data-testid="desk-open-360">
            {t('desk.caller.open360')} <ArrowRightOutlined />
          </Link>
        </div>
      </div>
      <Descriptions size="small" column={3} className="caller-facts" data-testid="caller-facts">
        <Descriptions.Item label={t('field.phones')}>
          {c.phones.length ? (
            <span className="caller-fact-list">
              {c.phones.map((p) => (
                <span key={p}>{p}</span>
              ))}
            </span>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.emails')}>
          {c.emails.length ? (
            <span className="caller-fact-list">
              {c.emails.map((e) => (
                <span key={e}>{e}</span>
              ))}
            </span>
          ) : (
            none
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('field.company')}>{c.company || none}</Descriptions.Item>
        <Descriptions.Item label={t('field.city')}>{place || none}</Descriptions.Item>
        <Descriptions.Item label={t('field.owner')}>{c.owner || none}</Descriptions.Item>
        <Descriptions.Item label={t('desk.caller.territory')}>
          <TerritoryTag territory={c.territory} />
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}
