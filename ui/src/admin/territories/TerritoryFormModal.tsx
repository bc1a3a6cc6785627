import { App, Form, Input, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ipc, isFailure, type Place, type Territory, type TerritoryInput } from '../../ipc/client';
import { UnitSelect } from '../UnitSelect';
import { PlacesEditor } from './PlacesEditor';
import { SaveModal } from '../../shell/SaveModal';

interface Values {
  name: string;
  unitId: string;
  places: Place[];
}

const EMPTY_PLACE: Place = { country: '', province: '', city: '' };

/** Every part is sent, trimmed; an empty part means "any" to the core. */
function toInput(v: Values): TerritoryInput {
  return {
    name: v.name.trim(),
    unitId: v.unitId,
    places: v.places.map((p) => ({
      country: p.country?.trim() ?? '',
      province: p.province?.trim() ?? '',
      city: p.city?.trim() ?? '',
    })),
  };
}

/** Creates or edits a territory: its name, the unit in charge and the places it covers. */
export function TerritoryFormModal({
  territory,
  onSaved,
  onClose,
}: {
  territory: Territory | null;
  onSaved: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) =>
      territory ? ipc.territoryUpdate(territory.id, toInput(v)) : ipc.territoryCreate(toInput(v)),
    onSuccess: (saved) => {
      void message.success(t(territory ? 'territories.saved' : 'territories.created', { name: saved.name }));
      onSaved();
      onClose();
    },
  });
  // Overlapping places or a taken name come back as conflict; the core's sentence names both sides.
  const conflict = save.isError && isFailure(save.error, 'conflict');

  return (
    <SaveModal
      title={territory ? t('territories.edit') : t('territories.add')}
      width={640}
      onSave={() => form.submit()}
      onClose={onClose}
      saving={save.isPending}
      error={save.isError ? save.error : null}
      errorTitle={conflict ? t('territories.overlapTitle') : t('territories.saveFailed')}
      errorTestId="territory-form-error"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        data-testid="territory-form"
        initialValues={{
          name: territory?.name ?? '',
          unitId: territory?.unitId,
          places: territory?.places.map((p) => ({ ...EMPTY_PLACE, ...p })) ?? [EMPTY_PLACE],
        }}
        onFinish={(v) => save.mutate(v)}
      >
        <div className="form-grid-2">
          <Form.Item name="name" label={t('territories.name')} rules={[{ required: true, whitespace: true, message: t('territories.nameRequired') }]}>
            <Input maxLength={100} data-testid="territory-name" />
          </Form.Item>
          <Form.Item name="unitId" label={t('territories.unit')} rules={[{ required: true, message: t('territories.unitRequired') }]}>
            <UnitSelect data-testid="territory-unit" />
          </Form.Item>
        </div>
        <Form.Item label={t('territories.places')} required>
          <Typography.Paragraph type="secondary" className="places-hint">
            {t('territories.placesHint')}
          </Typography.Paragraph>
          <PlacesEditor />
        </Form.Item>
      </Form>
    </SaveModal>
  );
}
