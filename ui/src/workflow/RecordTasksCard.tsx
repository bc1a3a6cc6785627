import { useState } from 'react';
import { Alert, Button, Card, Empty } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../ipc/client';
import { useTaskOwners, useTasks } from './queries';
import { TaskRow } from './tasks/TaskRow';
import { TaskForm } from './tasks/TaskForm';
import { useTaskCommands } from './tasks/useTaskCommands';
import './tasks/tasks.css';

interface Props {
  kind: 'customer' | 'lead' | 'opportunity' | 'ticket';
  id: string;
  /** E.g. a customer in the trash: the tasks show, nothing new is planned. */
  readOnly?: boolean;
}

/** The open tasks on a record, and "remind me" to add one. */
export function RecordTasksCard({ kind, id, readOnly = false }: Props) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const tasks = useTasks(id, false);
  const commands = useTaskCommands();
  const owners = useTaskOwners();
  const list = tasks.data ?? [];

  return (
    <Card
      size="small"
      className="section-card record-tasks-card"
      title={t('workflow.record.title')}
      data-testid="record-tasks"
      extra={
        !readOnly &&
        !adding && (
          <Button size="small" type="link" icon={<BellOutlined />} onClick={() => setAdding(true)} data-testid="record-task-new">
            {t('workflow.record.remindMe')}
          </Button>
        )
      }
    >
      {adding && (
        <div className="record-task-form">
          <TaskForm record={{ kind, id }} compact onDone={() => setAdding(false)} submitLabel={t('workflow.record.remindMe')} />
        </div>
      )}
      {tasks.isError && <Alert type="error" showIcon title={t('workflow.tasks.listFailed', { message: errorMessage(tasks.error) })} />}
      {tasks.isSuccess && list.length === 0 && !adding && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workflow.record.empty')} className="record-tasks-empty" />
      )}
      {list.map((task) => (
        <TaskRow
          key={task.id}
          task={task}
          showRecord={false}
          ownerName={owners.find((u) => u.login.toLowerCase() === task.owner.toLowerCase())?.displayName}
          readOnly={readOnly}
          busy={commands.busyId === task.id}
          onComplete={commands.complete}
          onDelete={commands.remove}
        />
      ))}
    </Card>
  );
}
