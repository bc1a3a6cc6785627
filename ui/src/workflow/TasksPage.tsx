import { useState } from 'react';
import { Alert, Button, Empty, Modal, Spin, Switch } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';
import { useTasks } from './queries';
import { OPEN_GROUPS, groupTasks, type TaskGroup } from './tasks/taskGroups';
import { TaskRow } from './tasks/TaskRow';
import { TaskForm } from './tasks/TaskForm';
import { useTaskCommands } from './tasks/useTaskCommands';
import './tasks/tasks.css';

/** My tasks and reminders: overdue first, then today, later, and those without a due time. */
export function TasksPage() {
  const { t } = useTranslation();
  const [showDone, setShowDone] = useState(false);
  const [creating, setCreating] = useState(false);
  const tasks = useTasks(null, showDone);
  const commands = useTaskCommands();
  const groups = groupTasks(tasks.data ?? [], dayjs());
  const shown: TaskGroup[] = [...OPEN_GROUPS, ...(showDone ? (['done'] as const) : [])].filter((g) => groups[g].length > 0);

  return (
    <div className="page tasks-page" data-testid="tasks-page">
      <div className="page-toolbar">
        <h1 className="page-title">{t('workflow.tasks.title')}</h1>
        <div className="toolbar-spacer" />
        <label className="tasks-show-done">
          <Switch size="small" checked={showDone} onChange={setShowDone} data-testid="tasks-show-done" />
          {t('workflow.tasks.showDone')}
        </label>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="task-new">
          {t('workflow.tasks.new')}
        </Button>
      </div>
      {tasks.isError && <Alert type="error" showIcon title={t('workflow.tasks.listFailed', { message: errorMessage(tasks.error) })} />}
      {tasks.isPending && <Spin />}
      {tasks.isSuccess && shown.length === 0 && (
        <div className="tasks-empty">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.tasks.empty')} />
        </div>
      )}
      {shown.map((group) => (
        <section key={group} className={`task-group task-group-${group}`} data-testid={`task-group-${group}`}>
          <div className="task-group-head">
            <span className="task-group-name">{t(`workflow.tasks.groups.${group}`)}</span>
            <span className="task-group-count">{groups[group].length}</span>
          </div>
          {groups[group].map((task) => (
            <TaskRow
              key={task.id}
              task={task}
              showRecord
              busy={commands.busyId === task.id}
              onComplete={commands.complete}
              onDelete={commands.remove}
            />
          ))}
        </section>
      ))}
      <Modal
        open={creating}
        title={t('workflow.tasks.new')}
        onCancel={() => setCreating(false)}
        footer={null}
        destroyOnHidden
        width={560}
      >
        <TaskForm onDone={() => setCreating(false)} submitLabel={t('common.create')} />
      </Modal>
    </div>
  );
}
