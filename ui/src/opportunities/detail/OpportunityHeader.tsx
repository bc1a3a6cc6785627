import { App, Breadcrumb, Button, Popconfirm, Progress, Space } from 'antd';
import { BankOutlined, DeleteOutlined, EditOutlined, FunnelPlotOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Opportunity } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';
import { formatAmount } from '../money';
import { CloseDate, StageTag, useLanguage } from '../stageDisplay';

interface Props {
  opportunity: Opportunity;
  onEdit: () => void;
}

/** Name, customer, stage and the money of an opportunity at a glance, with edit and delete. */
export function OpportunityHeader({ opportunity: o, onEdit }: Props) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => ipc.opportunityDelete(o.id),
    onSuccess: () => {
      void message.success(t('opportunities.detail.deleted', { name: o.name }));
      void queryClient.invalidateQueries({ queryKey: queryKeys.opportunities });
      void navigate('/opportunities');
    },
    onError: (e) => void message.error(t('common.failed', { message: errorMessage(e) })),
  });

  return (
    <div className="opportunity-header">
      <Breadcrumb items={[{ title: <Link to="/opportunities">{t('opportunities.title')}</Link> }, { title: o.name }]} />
      <div className="opportunity-header-main">
        <div className="opportunity-header-text">
          <h1 className="opportunity-title" data-testid="opportunity-title">
            {o.name} <StageTag stage={o.stage} />
          </h1>
          <Space size={16} wrap className="opportunity-links">
            <Link to={`/customers/${o.customerId}`} data-testid="opportunity-customer-link">
              <BankOutlined /> {o.customerName}
            </Link>
            {o.leadId && (
              <Link to={`/leads/${o.leadId}`} data-testid="opportunity-lead-link">
                <FunnelPlotOutlined /> {t('opportunities.detail.fromLead')}
              </Link>
            )}
            <span className="muted-text">
              <UserOutlined /> {o.ownerName}
            </span>
          </Space>
        </div>
        {o.mayEdit && (
          <Space>
            <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid="opportunity-edit">
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('opportunities.detail.deleteConfirm', { name: o.name })}
              okText={t('common.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate()}
            >
              <Button danger icon={<DeleteOutlined />} loading={remove.isPending} data-testid="opportunity-delete">
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )}
      </div>
      <div className="opportunity-stats">
        <div className="stat">
          <div className="stat-label">{t('opportunities.field.amount')}</div>
          <div className="stat-value stat-strong" data-testid="opportunity-amount-value">
            {formatAmount(o.amount, o.currency, language)}
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">{t('opportunities.field.probability')}</div>
          <div className="stat-value stat-probability">
            <Progress type="circle" size={34} percent={o.probability} showInfo={false} strokeColor="#1f6feb" />
            <span>{o.probability}%</span>
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">{t('opportunities.field.weighted')}</div>
          <div className="stat-value" data-testid="opportunity-weighted-value">
            {formatAmount(o.weightedAmount, o.currency, language)}
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">{t('opportunities.field.expectedClose')}</div>
          <div className="stat-value">
            <CloseDate date={o.expectedClose} open={o.stage.outcome === 'open'} />
          </div>
        </div>
        <div className="stat">
          <div className="stat-label">{t('opportunities.field.owner')}</div>
          <div className="stat-value">{o.ownerName}</div>
        </div>
      </div>
    </div>
  );
}
