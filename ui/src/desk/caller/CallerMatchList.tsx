import { Tag } from 'antd';
import { BankOutlined, EnvironmentOutlined, PhoneOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../ipc/client';

/** `text` with the first place it contains `part` marked (e.g. the typed last digits of a number). */
function Marked({ text, part }: { text: string; part: string }) {
  const at = part ? text.toLowerCase().indexOf(part.toLowerCase()) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark>{text.slice(at, at + part.length)}</mark>
      {text.slice(at + part.length)}
    </>
  );
}

interface Props {
  hits: SearchHit[];
  query: string;
  /** The row the arrow keys are on. */
  activeIndex: number;
  /** The customer whose card shows. */
  shownId: string | null;
  onPick: (index: number) => void;
}

/** The customers the typed text matches, best first, with what matched. */
export function CallerMatchList({ hits, query, activeIndex, shownId, onPick }: Props) {
  const { t } = useTranslation();
  return (
    <div className="caller-matches" role="listbox" id="caller-matches" aria-label={t('desk.caller.matches', { count: hits.length })}>
      <div className="caller-matches-head">{t('desk.caller.matches', { count: hits.length })}</div>
      {hits.map((hit, i) => {
        const classes = ['caller-match'];
        if (i === activeIndex) classes.push('active');
        if (hit.id === shownId) classes.push('shown');
        const matched =
          hit.matched === 'contact' && hit.matchedContact
            ? t('desk.caller.viaContact', { name: hit.matchedContact })
            : t(`match.${hit.matched}`);
        return (
          <div
            key={hit.id}
            id={`caller-match-${i}`}
            role="option"
            aria-selected={hit.id === shownId}
            className={classes.join(' ')}
            data-testid="caller-match"
            // Keeps the focus in the search box, so the keyboard goes on working after a click.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(i)}
          >
            <span className="caller-match-icon">{hit.kind === 'individual' ? <UserOutlined /> : <BankOutlined />}</span>
            <div className="caller-match-main">
              <div className="caller-match-name">
                <Marked text={hit.name} part={hit.matched === 'name' ? query : ''} />
              </div>
              {hit.company && hit.company !== hit.name && <div className="caller-match-meta">{hit.company}</div>}
              <div className="caller-match-meta">
                {hit.phones.slice(0, 2).map((p) => (
                  <span key={p} className="caller-match-phone">
                    <PhoneOutlined /> <Marked text={p} part={hit.matched === 'phone' ? query.replace(/[\s-]/g, '') : ''} />
                  </span>
                ))}
                {hit.city && (
                  <span>
                    <EnvironmentOutlined /> {hit.city}
                  </span>
                )}
              </div>
            </div>
            <Tag className="caller-match-field" color={hit.matched === 'contact' ? 'purple' : 'blue'} variant="filled">
              {matched}
            </Tag>
          </div>
        );
      })}
    </div>
  );
}
