import { useState } from 'react';
import { App, Button, Card, Input, Rate } from 'antd';
import { SmileOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, ipc, type Ticket } from '../../ipc/client';
import { queryKeys } from '../../ipc/queryKeys';

/** The customer's satisfaction: a form once the core lets it be given (closed, unrated), then the stars. */
export function RatingCard({ ticket: k }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const rate = useMutation({
    mutationFn: () => ipc.ticketRate(k.id, stars, comment.trim() || null),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.ticket(k.id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.tickets });
      void message.success(t('service.rating.saved'));
    },
    onError: (e) => void message.error(t('service.rating.failed', { message: errorMessage(e) })),
  });
  if (!k.mayRate && k.rating === null) return null;

  return (
    <Card size="small" className="section-card ticket-rating" title={<><SmileOutlined /> {t('service.rating.title')}</>} data-testid="ticket-rating">
      {k.rating !== null ? (
        <div className="ticket-rating-given" data-testid="ticket-rating-given">
          <Rate disabled value={k.rating} />
          <span className="ticket-rating-value">{k.rating} / 5</span>
          {k.ratingComment && <div className="ticket-rating-comment pre-wrap">“{k.ratingComment}”</div>}
        </div>
      ) : (
        <div className="ticket-rating-form" data-testid="ticket-rating-form">
          <div className="muted">{t('service.rating.ask')}</div>
          <Rate value={stars} onChange={setStars} aria-label={t('service.rating.stars')} data-testid="ticket-rating-stars" />
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 5 }}
            maxLength={10_000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('service.rating.commentPlaceholder')}
            data-testid="ticket-rating-comment"
          />
          <Button type="primary" disabled={stars === 0} loading={rate.isPending} onClick={() => rate.mutate()} data-testid="ticket-rating-submit">
            {t('service.rating.submit')}
          </Button>
        </div>
      )}
    </Card>
  );
}
