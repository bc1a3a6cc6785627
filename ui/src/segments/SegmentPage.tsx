import { useState } from 'react';
import { Card } from 'antd';
import { useParams } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { RecordLoadFailed, RecordLoading } from '../shell/RecordPageStates';
import { ConditionBuilder } from '../workflow/conditions/ConditionBuilder';
import { countTests } from '../workflow/conditions/conditionModel';
import { useSegment, useSegmentFields, useSegments } from './queries';
import { segmentOptions } from './segmentModel';
import { SegmentHeader } from './detail/SegmentHeader';
import { MembersCard } from './detail/MembersCard';
import { ExplanationDrawer } from './detail/ExplanationDrawer';
import { AddMembersModal } from './detail/AddMembersModal';
import { useSegmentCommands } from './detail/useSegmentCommands';
import { SegmentEditorDrawer } from './SegmentEditorDrawer';
import type { Segment } from '../ipc/client';
import './segments.css';

const ignore = () => {};

function SegmentView({ segment }: { segment: Segment }) {
  const { t } = useTranslation();
  const fields = useSegmentFields();
  const segments = useSegments();
  const commands = useSegmentCommands(segment);
  const [editing, setEditing] = useState(false);
  const [adding, setAdding] = useState(false);
  const [explaining, setExplaining] = useState<string | null>(null);
  const fieldList = fields.data ?? [];
  // Every segment by name, this one included: an explanation may name any of them.
  const names = segmentOptions(segments.data ?? []);
  const empty = countTests(segment.condition) === 0;

  return (
    <div className="page segment-page" data-testid="segment-page">
      <SegmentHeader segment={segment} commands={commands} onEdit={() => setEditing(true)} onAddMembers={() => setAdding(true)} />
      <Card size="small" className="section-card segment-definition" title={t('segments.detail.definition')}>
        {segment.kind === 'fixed' && empty ? (
          <div className="muted" data-testid="segment-definition-empty">
            {t('segments.detail.definitionFixedEmpty')}
          </div>
        ) : (
          <div data-testid="segment-definition">
            <ConditionBuilder value={segment.condition} onChange={ignore} fields={fieldList} segments={names} disabled />
          </div>
        )}
      </Card>
      <MembersCard segment={segment} fields={fieldList} commands={commands} onExplain={setExplaining} explaining={explaining} />
      <ExplanationDrawer
        segment={segment}
        customerId={explaining}
        context={{ fields: fieldList, segments: names }}
        onClose={() => setExplaining(null)}
      />
      {segment.kind === 'fixed' && segment.mayEdit && <AddMembersModal segment={segment} open={adding} onClose={() => setAdding(false)} />}
      <SegmentEditorDrawer open={editing} segment={segment} onClose={() => setEditing(false)} />
    </div>
  );
}

/** One segment: who is in it and why, and what its owner may do with it. */
export function SegmentPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const segment = useSegment(id);
  if (segment.isPending) return <RecordLoading />;
  if (segment.isError) {
    return <RecordLoadFailed error={segment.error} notFoundTitle={t('segments.detail.notFound')} backLabel={t('segments.detail.back')} backTo="/segments" />;
  }
  return <SegmentView key={segment.data.id} segment={segment.data} />;
}
