import { Button, Checkbox, Popconfirm, Tag } from 'antd';
import { BellOutlined, DeleteOutlined, ThunderboltOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Task } from '../../ipc/client';
import { formatDateTime } from '../../customers/display';
import { useCurrentUser } from '../../auth/CurrentUser';
import { RecordLink } from '../recordLinks';
import { mayHandle, taskGroup } from './taskGroups';

interface Props {
  task: Task;
  /** On a record's card the record is the page itself; there the owner matters instead. */
  showRecord: boolean;
  /** The owner's name where known (tasks carry only the sign-in name). */
  ownerName?: string;
  readOnly?: boolean;
  busy: boolean;
  onComplete: (task: Task, done: boolean) => void;
  onDelete: (task: Task) => void;
}

/** One task: tick it off, see when it is due and what it is about, delete it. */
export function TaskRow({ task, showRecord, ownerName, readOnly = false, busy, onComplete, onDelete }: Props) {
  const { t } = useTranslation();
  const { user } = useCurrentUser();
  const handles = !readOnly && mayHandle(task, user);
  const group = taskGroup(task, dayjs());
  const mine = task.owner.toLowerCase() === user.login.toLowerCase();

  return (
    <div className={`task-row task-${group}`} data-testid="task-row" data-task-id={task.id}>
      <Checkbox
        checked={task.doneAt !== null}
        disabled={!handles || busy}
        onChange={(e) => onComplete(task, e.target.checked)}
        aria-label={task.doneAt ? t('workflow.tasks.reopen') : t('workflow.tasks.complete')}
        data-testid="task-complete"
      />
      <div className="task-main">
        <div className="task-title" data-testid="task-title">
          {task.title}
          {task.ruleId && (
            <Tag color="purple" variant="outlined" icon={<ThunderboltOutlined />} className="task-rule-tag">
              {t('workflow.tasks.fromRule')}
            </Tag>
          )}
        </div>
        {task.notes && <div className="task-notes pre-wrap">{task.notes}</div>}
        <div className="task-meta">
          {task.dueAt && (
            <span className={`task-due task-due-${group}`} data-testid="task-due">
              {t('workflow.tasks.dueAt', { at: formatDateTime(task.dueAt) })}
              {group === 'overdue' && <Tag color="red" className="task-overdue-tag">{t('workflow.tasks.overdue')}</Tag>}
            </span>
          )}
          {task.remindAt && !task.doneAt && (
            <span className="task-remind">
              <BellOutlined /> {t('workflow.tasks.remindAt', { at: formatDateTime(task.remindAt) })}
            </span>
          )}
          {showRecord && task.record && (
            <RecordLink kind={task.record.kind} id={task.record.id} label={task.recordLabel} testId="task-record" />
          )}
          {!showRecord && !mine && (
            <span className="task-owner">
              <UserOutlined /> {t('workflow.record.owner', { owner: ownerName ?? task.owner })}
            </span>
          )}
        </div>
      </div>
      {handles && (
        <Popconfirm
          title={t('workflow.tasks.deleteConfirm', { title: task.title })}
          okButtonProps={{ danger: true }}
          onConfirm={() => onDelete(task)}
        >
          <Button
            type="text"
            size="small"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('workflow.tasks.delete')}
            title={t('workflow.tasks.delete')}
            data-testid="task-delete"
          />
        </Popconfirm>
      )}
    </div>
  );
}
