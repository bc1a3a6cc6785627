import { Tag } from 'antd';
import { BankOutlined, EnvironmentOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../ipc/client';

interface Props {
  id: string;
  hit: SearchHit;
  active: boolean;
  onHover: () => void;
  onOpen: () => void;
}

/** One hit: who it is, how to reach them, and which part of the record matched. */
export function SearchResult({ id, hit, active, onHover, onOpen }: Props) {
  const { t } = useTranslation();
  const phone = hit.phones[0];
  const matched =
    hit.matched === 'contact' && hit.matchedContact
      ? `${t('match.contact')} · ${hit.matchedContact}`
      : t(`match.${hit.matched}`);
  return (
    <div
      id={id}
      role="option"
      aria-selected={active}
      data-testid="search-result"
      className={active ? 'palette-hit palette-hit-active' : 'palette-hit'}
      onMouseMove={active ? undefined : onHover}
      onClick={onOpen}
    >
      <div className="palette-hit-icon">{hit.kind === 'individual' ? <UserOutlined /> : <BankOutlined />}</div>
      <div className="palette-hit-main">
        <div className="palette-hit-name">
          {hit.name}
          <span className="palette-hit-kind">{t(`kind.${hit.kind}`)}</span>
        </div>
        <div className="palette-hit-meta">
          {hit.company && <span>{hit.company}</span>}
          {phone && (
            <span>
              <PhoneOutlined /> {phone}
            </span>
          )}
          {hit.city && (
            <span>
              <EnvironmentOutlined /> {hit.city}
            </span>
          )}
        </div>
      </div>
      <Tag className="palette-hit-match" color={hit.matched === 'contact' ? 'purple' : 'blue'}>
        {matched}
      </Tag>
    </div>
  );
}
