import { useState } from 'react';
import { Alert, Button, Drawer, Empty, Tabs } from 'antd';
import { HistoryOutlined, PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, type WorkflowRule } from '../ipc/client';
import { currentLanguage } from '../i18n';
import { useCurrentUser } from '../auth/CurrentUser';
import { useFieldCatalogs, useRules } from './queries';
import { RuleTable } from './rules/RuleTable';
import { RuleEditorDrawer } from './rules/RuleEditorDrawer';
import { RunLog } from './rules/RunLog';
import { ruleDisplayName } from './rules/ruleModel';
import './rules/rules.css';

type Editing = { rule?: WorkflowRule } | null;

/** The workflow rules (当…如果…那么…) and what they did. */
export function RulesPage() {
  const { t } = useTranslation();
  const { isAdmin, user } = useCurrentUser();
  // The run log names records of every territory: the core shows it to managers and administrators.
  const seesLog = isAdmin || user.role === 'manager';
  const rules = useRules();
  const list = rules.data ?? [];
  const catalogs = useFieldCatalogs(list.map((r) => r.entity));
  // The tab lives in the address, so coming back from a record shows the log again.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'log' ? 'log' : 'rules';
  const [editing, setEditing] = useState<Editing>(null);
  const [logOf, setLogOf] = useState<WorkflowRule | null>(null);

  return (
    <div className="page rules-page" data-testid="rules-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('workflow.rules.title')}</h1>
        <span className="muted rules-subtitle">{t('workflow.rules.subtitle')}</span>
        <div className="toolbar-spacer" />
        {isAdmin && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({})} data-testid="rule-new">
            {t('workflow.rules.new')}
          </Button>
        )}
      </div>
      {!isAdmin && <Alert type="info" showIcon title={t('workflow.rules.readOnly')} className="rules-readonly" />}
      <div className="rules-frame">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'log' ? { tab: key } : {}, { replace: true })}
          items={[
            {
              key: 'rules',
              icon: <ThunderboltOutlined />,
              label: <span data-testid="rules-tab-rules">{t('workflow.rules.tabRules')}</span>,
              children: (
                <>
                  {rules.isError && (
                    <Alert type="error" showIcon title={t('workflow.rules.listFailed', { message: errorMessage(rules.error) })} />
                  )}
                  {rules.isSuccess && list.length === 0 ? (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.rules.empty')} />
                  ) : (
                    <RuleTable
                      rules={list}
                      loading={rules.isPending}
                      catalogs={catalogs}
                      editable={isAdmin}
                      onOpen={(rule) => setEditing({ rule })}
                      onShowLog={seesLog ? setLogOf : undefined}
                    />
                  )}
                </>
              ),
            },
            ...(seesLog
              ? [
                  {
                    key: 'log',
                    icon: <HistoryOutlined />,
                    label: <span data-testid="rules-tab-log">{t('workflow.rules.tabLog')}</span>,
                    children: <RunLog ruleId={null} rules={list} />,
                  },
                ]
              : []),
          ]}
        />
      </div>
      <RuleEditorDrawer open={editing !== null} rule={editing?.rule} readOnly={!isAdmin} onClose={() => setEditing(null)} />
      <Drawer
        open={logOf !== null}
        onClose={() => setLogOf(null)}
        size={900}
        destroyOnHidden
        title={logOf ? t('workflow.runs.ruleTitle', { name: ruleDisplayName(logOf, currentLanguage()) }) : ''}
      >
        {logOf && <RunLog ruleId={logOf.id} rules={list} />}
      </Drawer>
    </div>
  );
}
