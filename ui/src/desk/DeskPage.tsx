import { useState, type KeyboardEvent } from 'react';
import { Alert, Empty, Input, Spin } from 'antd';
import { PhoneOutlined, SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useDebouncedValue } from '../search/useDebouncedValue';
import { NewTicketModal } from '../service/NewTicketModal';
import { CallerMatchList } from './caller/CallerMatchList';
import { CallerCardView } from './caller/CallerCardView';
import './caller/desk.css';

/** Long enough not to look up on every digit of a number typed fast, short enough to feel instant. */
export const DESK_DEBOUNCE_MS = 150;

/**
 * The agent's screen while on the phone (来电弹屏): whatever they type about the caller finds the
 * customer, and the card shows who it is, their open tickets with SLA clocks, their history and
 * opportunities, with the new ticket one key away.
 */
export function DeskPage() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), DESK_DEBOUNCE_MS);
  // The highlighted row and the chosen customer belong to the query they were picked for.
  const [active, setActive] = useState({ query: '', index: 0 });
  const [chosen, setChosen] = useState<{ query: string; id: string } | null>(null);
  const activeIndex = active.query === query ? active.index : 0;
  const chosenId = chosen?.query === query ? chosen.id : null;
  const [creating, setCreating] = useState(false);

  const lookup = useQuery({
    queryKey: queryKeys.callerLookup(query, chosenId),
    queryFn: () => ipc.callerLookup(query, chosenId),
    enabled: query !== '',
    // The card stays while the next one loads, so typing does not make it blink.
    placeholderData: keepPreviousData,
  });
  const data = query === '' ? undefined : lookup.data;
  const hits = data?.matches ?? [];
  const card = data?.card ?? null;

  const pick = (index: number) => {
    const hit = hits[index];
    if (!hit) return;
    setActive({ query, index });
    setChosen({ query, id: hit.id });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive({ query, index: (activeIndex + step + hits.length) % hits.length });
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      if (card) setCreating(true);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      pick(activeIndex);
    } else if (e.key === 'Escape') {
      // A new call: start from an empty box.
      setText('');
    }
  };

  const settled = lookup.isSuccess && !lookup.isPlaceholderData && text.trim() === query;
  let body;
  if (query === '') {
    body = (
      <div className="desk-idle" data-testid="desk-idle">
        <div className="desk-idle-icon">
          <PhoneOutlined />
        </div>
        <div className="desk-idle-title">{t('desk.caller.idleTitle')}</div>
        <div className="desk-idle-text">{t('desk.caller.idleText')}</div>
      </div>
    );
  } else if (lookup.isError) {
    body = <Alert type="error" showIcon title={t('desk.caller.failed', { message: errorMessage(lookup.error) })} />;
  } else if (!data) {
    body = (
      <div className="page-center desk-loading">
        <Spin />
      </div>
    );
  } else if (hits.length === 0 && !card && settled) {
    body = (
      <Empty className="desk-no-match" data-testid="desk-no-match" description={
        <>
          <div className="desk-no-match-title">{t('desk.caller.noMatch', { query })}</div>
          <div className="muted">{t('desk.caller.noMatchHint')}</div>
        </>
      } />
    );
  } else {
    body = (
      <div className={lookup.isPlaceholderData ? 'desk-columns refreshing' : 'desk-columns'}>
        <CallerMatchList hits={hits} query={query} activeIndex={activeIndex} shownId={card?.customer.id ?? null} onPick={pick} />
        {card && <CallerCardView card={card} onNewTicket={() => setCreating(true)} />}
      </div>
    );
  }

  return (
    <div className="page desk-page" data-testid="desk-page">
      <div className="desk-search">
        <Input
          autoFocus
          size="large"
          allowClear
          className="desk-search-input"
          prefix={<SearchOutlined />}
          placeholder={t('desk.caller.placeholder')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKeyDown}
          role="combobox"
          aria-expanded={hits.length > 0}
          aria-controls="caller-matches"
          aria-activedescendant={hits[activeIndex] ? `caller-match-${activeIndex}` : undefined}
          data-testid="desk-search"
        />
        <div className="desk-search-hint">{t('desk.caller.hint')}</div>
      </div>
      {body}
      {card && (
        <NewTicketModal
          open={creating}
          onClose={() => setCreating(false)}
          customer={{ id: card.customer.id, name: card.customer.name }}
          // The agent stays on the call: the card refreshes and shows the new ticket.
          onCreated={() => undefined}
        />
      )}
    </div>
  );
}
