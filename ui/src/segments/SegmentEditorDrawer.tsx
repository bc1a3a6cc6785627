import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, Radio, Space, Spin } from 'antd';
import { InfoCircleOutlined, TeamOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, isFailure, type Segment } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useTagList } from '../classification/queries';
import { ConditionBuilder } from '../workflow/conditions/ConditionBuilder';
import { countTests } from '../workflow/conditions/conditionModel';
import { useLiveCount, useSegmentFields, useSegments } from './queries';
import { SEGMENT_KINDS, definitionLocked, draftOf, segmentOptions, startsEmpty, toSegmentInput, type SegmentDraft } from './segmentModel';

interface Props {
  open: boolean;
  /** The segment to edit; a new segment when absent. */
  segment?: Segment;
  onClose: () => void;
  /** After a save, with the segment as the core stored it. */
  onSaved?: (segment: Segment, created: boolean) => void;
}

/**
 * How many customers the definition holds right now, asked again once editing pauses; the
 * core's own words when the definition is not complete yet.
 */
function LiveCount({ draft, locked }: { draft: SegmentDraft; locked: boolean }) {
  const { t } = useTranslation();
  const empty = startsEmpty(draft);
  const count = useLiveCount(draft.condition, !locked && !empty);
  if (locked) return null;
  let text: string;
  let tone = '';
  if (empty) {
    text = t('segments.editor.fixedStartsEmpty');
  } else if (count.isError) {
    const message = errorMessage(count.error);
    text = isFailure(count.error, 'invalid_input') ? t('segments.editor.liveIncomplete', { message }) : message;
    tone = 'segment-live-count-error';
  } else if (count.data === undefined) {
    text = t('segments.editor.liveCounting');
  } else {
    text = t('segments.editor.liveCount', { count: count.data });
  }
  return (
    <div
      className={`segment-live-count ${tone}`}
      data-testid="segment-live-count"
      data-count={!empty && !count.isError ? count.data : undefined}
      aria-live="polite"
    >
      <TeamOutlined />
      <span>{text}</span>
      {count.isFetching && !empty && <Spin size="small" />}
    </div>
  );
}

function SegmentEditor({ segment, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<SegmentDraft>(() => draftOf(segment));
  const update = (patch: Partial<SegmentDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const editing = segment !== undefined;
  const locked = definitionLocked(draft.kind, editing);
  const fields = useSegmentFields();
  const segments = useSegments();
  const tagNames = useTagList().map((tag) => tag.name);

  const save = useMutation({
    mutationFn: () => (segment ? ipc.segmentUpdate(segment.id, toSegmentInput(draft)) : ipc.segmentCreate(toSegmentInput(draft))),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.segments });
      void message.success(t(editing ? 'segments.editor.saved' : 'segments.editor.created', { name: saved.name }));
      onSaved?.(saved, !editing);
      onClose();
    },
  });

  return (
    <div className="segment-editor" data-testid="segment-editor">
      {save.isError && (
        <Alert
          type="error"
          showIcon
          className="segment-editor-alert"
          title={t('segments.editor.refused')}
          description={errorMessage(save.error)}
          data-testid="segment-editor-error"
        />
      )}
      <Form layout="vertical" className="segment-editor-form" onFinish={() => save.mutate()}>
        <Form.Item label={t('segments.editor.name')} required>
          <Input
            value={draft.name}
            onChange={(e) => update({ name: e.target.value })}
            placeholder={t('segments.editor.namePlaceholder')}
            maxLength={100}
            autoFocus
            data-testid="segment-name"
          />
        </Form.Item>
        <Form.Item label={t('segments.editor.kind')} className="segment-kind-item">
          <Radio.Group
            value={draft.kind}
            onChange={(e) => update({ kind: e.target.value as SegmentDraft['kind'] })}
            disabled={editing}
            optionType="button"
            buttonStyle="solid"
          >
            {SEGMENT_KINDS.map((kind) => (
              <Radio.Button key={kind} value={kind}>
                {/* The test id sits on the label's text: antd hides the radio input itself. */}
                <span data-testid={`segment-kind-${kind}`} data-checked={draft.kind === kind} data-disabled={editing}>
                  {t(`segments.kind.${kind}`)}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
          <div className="segment-kind-note" data-testid="segment-kind-note">
            {t(`segments.kindHint.${draft.kind}`)}
            {editing && <div>{t('segments.editor.kindFixedOnEdit')}</div>}
          </div>
          {!editing && draft.kind === 'fixed' && (
            <Alert
              type="info"
              showIcon
              icon={<InfoCircleOutlined />}
              className="segment-fixed-note"
              title={startsEmpty(draft) ? t('segments.editor.fixedEmpty') : t('segments.editor.fixedFill')}
              data-testid="segment-fixed-note"
            />
          )}
        </Form.Item>
        <Form.Item label={t('segments.editor.description')}>
          <Input.TextArea
            value={draft.description}
            onChange={(e) => update({ description: e.target.value })}
            placeholder={t('segments.editor.descriptionPlaceholder')}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={500}
            data-testid="segment-description"
          />
        </Form.Item>
        {/* Not a Form.Item: the builder lays out its own controls (a form item stretches every select). */}
        <section className="segment-condition-section">
          <div className="segment-section-label">{t('segments.editor.condition')}</div>
          {locked && <Alert type="warning" showIcon className="segment-locked-note" title={t('segments.editor.fixedLocked')} />}
          {editing && draft.kind === 'snapshot' && (
            <div className="segment-kind-note">{t('segments.editor.snapshotKeeps')}</div>
          )}
          {fields.isError && (
            <Alert type="error" showIcon title={t('segments.editor.fieldsFailed', { message: errorMessage(fields.error) })} />
          )}
          {locked && countTests(draft.condition) === 0 ? (
            <div className="muted">{t('segments.detail.definitionFixedEmpty')}</div>
          ) : fields.isPending ? (
            <Spin size="small" />
          ) : (
            <ConditionBuilder
              value={draft.condition}
              onChange={(condition) => update({ condition })}
              fields={fields.data ?? []}
              tagNames={tagNames}
              segments={segmentOptions(segments.data ?? [], segment?.id)}
              disabled={locked}
            />
          )}
        </section>
      </Form>
      <div className="segment-editor-footer">
        <LiveCount draft={draft} locked={locked} />
        <Space className="segment-editor-actions">
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="segment-save">
            {t('common.save')}
          </Button>
        </Space>
      </div>
    </div>
  );
}

/** Create or edit a segment in a side drawer: name, kind, description, conditions and a live count. */
export function SegmentEditorDrawer({ open, segment, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const title = segment ? `${t('segments.editor.editTitle')} · ${segment.name}` : t('segments.editor.newTitle');
  return (
    <Drawer open={open} onClose={onClose} size={820} destroyOnHidden title={title} styles={{ body: { padding: 0 } }}>
      {open && <SegmentEditor key={segment?.id ?? 'new'} segment={segment} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}
