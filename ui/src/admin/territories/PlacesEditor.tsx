import { Button, Form, Input } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Place } from '../../ipc/client';

const PARTS = ['country', 'province', 'city'] as const;

const hasAnyPart = (p: Place | undefined) => PARTS.some((part) => Boolean(p?.[part]?.trim()));

/**
 * The places of a territory as rows of country / province / city, in a Form.List named
 * "places". A row needs one part at least; the check sits on the country input and re-runs
 * when the province or city changes, and its message shows under the row.
 */
export function PlacesEditor() {
  const { t } = useTranslation();
  const placeholders = {
    country: t('territories.countryPlaceholder'),
    province: t('territories.provincePlaceholder'),
    city: t('territories.cityPlaceholder'),
  };
  return (
    <Form.List
      name="places"
      rules={[
        {
          validator: (_, places: Place[] | undefined) =>
            places && places.length > 0 ? Promise.resolve() : Promise.reject(new Error(t('territories.placesRequired'))),
        },
      ]}
    >
      {(rows, { add, remove }, { errors }) => (
        <div className="places-editor">
          <div className="places-row places-head">
            {PARTS.map((part) => (
              <span key={part}>{t(`territories.${part}`)}</span>
            ))}
            <span />
          </div>
          {rows.map((row) => (
            <Form.Item key={row.key} className="places-row-item" style={{ marginBottom: 0 }}>
              <div className="places-row" data-testid="place-row">
                {PARTS.map((part) => (
                  <Form.Item
                    key={part}
                    name={[row.name, part]}
                    noStyle
                    {...(part === 'country' && {
                      dependencies: [
                        ['places', row.name, 'province'],
                        ['places', row.name, 'city'],
                      ],
                      rules: [
                        ({ getFieldValue }) => ({
                          validator: () =>
                            hasAnyPart(getFieldValue(['places', row.name]) as Place | undefined)
                              ? Promise.resolve()
                              : Promise.reject(new Error(t('territories.placeEmpty'))),
                        }),
                      ],
                    })}
                  >
                    <Input placeholder={placeholders[part]} data-testid={`place-${row.name}-${part}`} />
                  </Form.Item>
                ))}
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('common.remove')} onClick={() => remove(row.name)} />
              </div>
            </Form.Item>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ country: '', province: '', city: '' })} data-testid="add-place">
            {t('territories.addPlace')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}
