import { useState, type KeyboardEvent } from 'react';
import { Input, Modal } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc } from '../ipc/client';
import { queryKeys } from '../ipc/queryKeys';
import { useDebouncedValue } from './useDebouncedValue';
import { SearchResult } from './SearchResult';
import './palette.css';

/** Short enough to feel instant, long enough not to query on every key of a fast typist. */
export const SEARCH_DEBOUNCE_MS = 80;
const SEARCH_LIMIT = 20;

function PaletteBody({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const query = useDebouncedValue(text.trim(), SEARCH_DEBOUNCE_MS);
  // The highlighted row belongs to the query it was chosen for; a new query starts at the top.
  const [active, setActive] = useState({ query: '', index: 0 });
  const activeIndex = active.query === query ? active.index : 0;

  const search = useQuery({
    queryKey: queryKeys.search(query),
    queryFn: () => ipc.searchCustomers(query, SEARCH_LIMIT),
    enabled: query !== '',
    placeholderData: keepPreviousData,
    staleTime: 5_000,
  });
  const hits = query === '' ? [] : (search.data ?? []);

  const open = (id: string) => {
    onClose();
    void navigate(`/customers/${id}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (hits.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive({ query, index: (activeIndex + step + hits.length) % hits.length });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const hit = hits[activeIndex];
      if (hit) open(hit.id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    }
  };

  let status: { kind: 'idle' | 'failed' | 'none'; text: string } | null = null;
  if (query === '') status = { kind: 'idle', text: t('search.typeToSearch') };
  else if (search.isError) status = { kind: 'failed', text: t('search.failed', { message: errorMessage(search.error) }) };
  else if (search.isSuccess && hits.length === 0 && !search.isPlaceholderData) {
    status = { kind: 'none', text: t('search.noResults') };
  }

  return (
    <div className="palette">
      <Input
        autoFocus
        size="large"
        variant="borderless"
        className="palette-input"
        data-testid="search-palette-input"
        prefix={<SearchOutlined />}
        placeholder={t('search.inputPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-controls="palette-results"
        aria-activedescendant={hits[activeIndex] ? `palette-hit-${activeIndex}` : undefined}
      />
      <div className="palette-results" id="palette-results" role="listbox">
        {hits.map((hit, i) => (
          <SearchResult
            key={hit.id}
            id={`palette-hit-${i}`}
            hit={hit}
            active={i === activeIndex}
            onHover={() => setActive({ query, index: i })}
            onOpen={() => open(hit.id)}
          />
        ))}
        {status && (
          <div className="palette-status" data-testid={`search-status-${status.kind}`}>
            {status.text}
          </div>
        )}
      </div>
      <div className="palette-hint">{t('search.hint')}</div>
    </div>
  );
}

/** The command palette: search customers as one types and jump to one with the keyboard. */
export function SearchPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Modal
      open={open}
      onCancel={onClose}
      footer={null}
      closable={false}
      // Unlike a form, the palette holds nothing to lose: a click beside it closes it.
      mask={{ closable: true }}
      width={680}
      style={{ top: 72 }}
      destroyOnHidden
      focusable={{ focusTriggerAfterClose: false }}
      styles={{ container: { padding: 0 } }}
    >
      {open && <PaletteBody onClose={onClose} />}
    </Modal>
  );
}
