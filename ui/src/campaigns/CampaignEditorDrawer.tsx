import { useRef, useState } from 'react';
import { Alert, App, Button, Drawer, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useTranslation } from 'react-i18next';
import { errorMessage, type Campaign } from '../ipc/client';
import { LANGUAGES, currentLanguage } from '../i18n';
import { useSegmentFields, useSegments } from '../segments/queries';
import { useSaveCampaign } from './queries';
import { MAX_ATTRIBUTION_DAYS, draftOf, insertPlaceholder, toCampaignInput, type CampaignDraft } from './campaignModel';
import { PlaceholderPicker } from './PlaceholderPicker';

interface Props {
  open: boolean;
  /** The draft to edit; a new campaign when absent. */
  campaign?: Campaign;
  onClose: () => void;
  /** After a save, with the campaign as the core stored it. */
  onSaved?: (campaign: Campaign, created: boolean) => void;
}

type Target = 'subject' | 'body';

function CampaignEditor({ campaign, onClose, onSaved }: Omit<Props, 'open'>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<CampaignDraft>(() => draftOf(campaign, currentLanguage()));
  const [incomplete, setIncomplete] = useState(false);
  const segments = useSegments();
  const fields = useSegmentFields();
  const save = useSaveCampaign(campaign?.id);
  const editing = campaign !== undefined;

  // Where a picked placeholder goes: the subject or body last in focus, at its caret (the end
  // until the user has been in it).
  const subjectRef = useRef<InputRef>(null);
  const bodyRef = useRef<TextAreaRef>(null);
  const [target, setTarget] = useState<Target>('body');
  const visited = useRef<Record<Target, boolean>>({ subject: false, body: false });
  const element = (which: Target) => (which === 'subject' ? subjectRef.current?.input : bodyRef.current?.resizableTextArea?.textArea);
  const focus = (which: Target) => {
    visited.current[which] = true;
    setTarget(which);
  };

  const update = (patch: Partial<CampaignDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setIncomplete(false);
  };

  const insert = (key: string) => {
    const el = element(target);
    const text = draft[target];
    const at = visited.current[target] && el ? [el.selectionStart ?? text.length, el.selectionEnd ?? text.length] : [text.length, text.length];
    const next = insertPlaceholder(text, key, at[0], at[1]);
    update({ [target]: next.text });
    // Back into the field with the caret after the placeholder, once React has rendered it.
    setTimeout(() => {
      const after = element(target);
      after?.focus();
      after?.setSelectionRange(next.caret, next.caret);
    });
  };

  const submit = () => {
    if (!draft.name.trim() || !draft.segmentId) {
      setIncomplete(true);
      return;
    }
    save.mutate(toCampaignInput(draft), {
      onSuccess: (saved) => {
        void message.success(t(editing ? 'campaigns.editor.saved' : 'campaigns.editor.created', { name: saved.name }));
        onSaved?.(saved, !editing);
        onClose();
      },
    });
  };

  const segmentOptions = (segments.data ?? []).map((s) => ({ value: s.id, label: s.name }));

  return (
    <div className="campaign-editor" data-testid="campaign-editor">
      {(save.isError || incomplete) && (
        <Alert
          type="error"
          showIcon
          className="campaign-editor-alert"
          title={t('campaigns.editor.refused')}
          description={incomplete ? t('campaigns.editor.required') : errorMessage(save.error)}
          data-testid="campaign-editor-error"
        />
      )}
      {segments.isError && (
        <Alert type="error" showIcon title={t('campaigns.editor.segmentsFailed', { message: errorMessage(segments.error) })} />
      )}
      <Form layout="vertical" className="campaign-editor-form" onFinish={submit}>
        <Form.Item label={t('campaigns.editor.name')} required>
          <Input
            value={draft.name}
            onChange={(e) => update({ name: e.target.value })}
            placeholder={t('campaigns.editor.namePlaceholder')}
            maxLength={100}
            autoFocus
            data-testid="campaign-name"
          />
        </Form.Item>
        <div className="form-grid-2">
          <Form.Item label={t('campaigns.editor.segment')} required>
            <Select<string>
              value={draft.segmentId ?? undefined}
              onChange={(segmentId) => update({ segmentId, excludeSegmentId: draft.excludeSegmentId === segmentId ? null : draft.excludeSegmentId })}
              options={segmentOptions}
              loading={segments.isPending}
              placeholder={t('campaigns.editor.segmentPlaceholder')}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="campaign-segment"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.excludeSegment')} extra={t('campaigns.editor.excludeHint')}>
            <Select<string>
              value={draft.excludeSegmentId ?? undefined}
              onChange={(id) => update({ excludeSegmentId: id ?? null })}
              options={segmentOptions.filter((o) => o.value !== draft.segmentId)}
              allowClear
              placeholder={t('campaigns.editor.excludePlaceholder')}
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="campaign-exclude-segment"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.fromAddress')} required>
            <Input
              value={draft.fromAddress}
              onChange={(e) => update({ fromAddress: e.target.value })}
              placeholder="marketing@example.com"
              data-testid="campaign-from-address"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.fromName')}>
            <Input
              value={draft.fromName}
              onChange={(e) => update({ fromName: e.target.value })}
              placeholder={t('campaigns.editor.fromNamePlaceholder')}
              data-testid="campaign-from-name"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.language')} extra={t('campaigns.editor.languageHint')}>
            <Radio.Group
              value={draft.language}
              onChange={(e) => update({ language: e.target.value as CampaignDraft['language'] })}
              optionType="button"
              options={LANGUAGES.map((l) => ({ value: l, label: t(`campaigns.languages.${l}`) }))}
              data-testid="campaign-language"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.attributionDays')} extra={t('campaigns.editor.attributionHint')}>
            <InputNumber<number>
              min={1}
              max={MAX_ATTRIBUTION_DAYS}
              precision={0}
              value={draft.attributionDays}
              onChange={(attributionDays) => update({ attributionDays })}
              suffix={t('campaigns.editor.days')}
              data-testid="campaign-attribution-days"
            />
          </Form.Item>
        </div>
        <section className="campaign-message-section">
          <div className="campaign-insert-row">
            <PlaceholderPicker fields={fields.data ?? []} loading={fields.isPending} onPick={insert} />
            <span className="campaign-insert-target" data-testid="campaign-insert-target" data-target={target}>
              {t('campaigns.editor.insertInto', { target: t(`campaigns.editor.${target}`) })}
            </span>
          </div>
          <div className="campaign-insert-hint">
            {t('campaigns.editor.insertHint', { example: `{{company|${t('campaigns.editor.exampleFallback')}}}` })}
          </div>
          <Form.Item label={t('campaigns.editor.subject')} required>
            <Input
              ref={subjectRef}
              value={draft.subject}
              onChange={(e) => update({ subject: e.target.value })}
              onFocus={() => focus('subject')}
              maxLength={200}
              data-testid="campaign-subject"
            />
          </Form.Item>
          <Form.Item label={t('campaigns.editor.body')} required>
            <Input.TextArea
              ref={bodyRef}
              value={draft.body}
              onChange={(e) => update({ body: e.target.value })}
              onFocus={() => focus('body')}
              placeholder={t('campaigns.editor.bodyPlaceholder')}
              autoSize={{ minRows: 8, maxRows: 20 }}
              data-testid="campaign-body"
            />
          </Form.Item>
        </section>
      </Form>
      <div className="campaign-editor-footer">
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={submit} data-testid="campaign-save">
            {t('common.save')}
          </Button>
        </Space>
      </div>
    </div>
  );
}

/** Create or edit a draft campaign in a side drawer: audience, sender, message with placeholders. */
export function CampaignEditorDrawer({ open, campaign, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const title = campaign ? `${t('campaigns.editor.editTitle')} · ${campaign.name}` : t('campaigns.editor.newTitle');
  return (
    <Drawer open={open} onClose={onClose} size={760} destroyOnHidden title={title} styles={{ body: { padding: 0 } }}>
      {open && <CampaignEditor key={campaign?.id ?? 'new'} campaign={campaign} onClose={onClose} onSaved={onSaved} />}
    </Drawer>
  );
}
