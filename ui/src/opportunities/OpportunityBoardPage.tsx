import { useState } from 'react';
import { Button, Segmented, Switch } from 'antd';
import { AppstoreOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../auth/CurrentUser';
import { KanbanBoard } from './board/KanbanBoard';
import { OpportunityListView } from './board/OpportunityListView';
import { OpportunityFormDrawer } from './form/OpportunityFormDrawer';
import { ExportButton } from '../exports/ExportButton';
import './board/board.css';

/**
 * The opportunities as a kanban board (or a list). View, "mine only" and the list's stage filter
 * live in the address, so coming back from an opportunity finds the page as it was left.
 */
export function OpportunityBoardPage() {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const view = params.get('view') === 'list' ? 'list' : 'board';
  const mine = params.get('mine') === '1';
  const owner = mine ? user.login : null;
  const stageIds = params.getAll('stage');

  const update = (change: (next: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    change(next);
    setParams(next, { replace: true });
  };

  return (
    <div className="page opportunities-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('opportunities.title')}</h1>
        <div className="toolbar-spacer" />
        <label className="mine-switch">
          <Switch
            size="small"
            checked={mine}
            onChange={(on) => update((next) => (on ? next.set('mine', '1') : next.delete('mine')))}
            data-testid="mine-only"
          />
          {t('opportunities.board.mineOnly')}
        </label>
        <Segmented
          data-testid="view-toggle"
          value={view}
          onChange={(v) => update((next) => (v === 'list' ? next.set('view', 'list') : next.delete('view')))}
          options={[
            { value: 'board', label: t('opportunities.board.boardView'), icon: <AppstoreOutlined /> },
            { value: 'list', label: t('opportunities.board.listView'), icon: <UnorderedListOutlined /> },
          ]}
        />
        <ExportButton kinds={['opportunities']} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="opportunity-new">
          {t('opportunities.new')}
        </Button>
      </div>
      {view === 'board' ? (
        <KanbanBoard owner={owner} />
      ) : (
        <OpportunityListView
          owner={owner}
          stageIds={stageIds}
          onStageIds={(ids) =>
            update((next) => {
              next.delete('stage');
              for (const id of ids) next.append('stage', id);
            })
          }
        />
      )}
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}
