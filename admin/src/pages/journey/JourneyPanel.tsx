import { useEffect, useRef, useState } from 'react';
import { Box, Button, LinearProgress, List, Typography } from '@mui/material';
import { useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { useMe } from '../../providers/me';
import { mayRun } from '../../providers/permissions';
import { JourneyItem } from './JourneyItem';
import { MoveActivityDialog } from './MoveActivityDialog';
import { operationLabel } from '../../i18n/generated';
import { JOURNEY_QUERY, useJourney, type JourneyActivity } from './journey';

/**
 * A callback ref whose element calls `onInView` when it comes into view, or at once when it is in
 * view as it is placed: the end of the list, placed anew after each page, loads the next page
 * until the list is taller than the screen, and then again whenever it is scrolled to.
 */
function useWhenInView(onInView: () => void) {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const latest = useRef(onInView);
  useEffect(() => {
    latest.current = onInView;
  });
  useEffect(() => {
    if (!element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) latest.current();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [element]);
  return setElement;
}

/**
 * A customer's journey (a tab of the customer's page): every activity, newest first, with its
 * request, channel, contact record and comments, loaded page by page as the list scrolls into
 * view (or by "Load more", for the keyboard); each one moved from here to another request, out of
 * any, or to another customer.
 */
export const JourneyPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const refresh = useRefresh();
  const { data: me } = useMe();
  const customerId = record?.id == null ? undefined : String(record.id);
  const { activities, error, isPending, hasNextPage, isFetchingNextPage, fetchNextPage, data } = useJourney(customerId);
  const [moving, setMoving] = useState<JourneyActivity | null>(null);
  const mayMove = !!me && mayRun(me, { root: 'Mutation', name: 'moveActivity' });
  // Not disabled while a page loads (the button would lose the keyboard's focus): a second press waits for it.
  const loadMore = () => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  };
  const sentinel = useWhenInView(loadMore);
  if (!customerId) return null;
  const title = translate(operationLabel(JOURNEY_QUERY, 'Journey'));
  return (
    <Box data-journey sx={{ width: '100%', maxWidth: 880 }}>
      {error ? (
        <Typography color="error" variant="body2" role="alert">
          {translate((error as Error).message)}
        </Typography>
      ) : null}
      {!isPending && !error && !activities.length ? (
        <Typography variant="body2" color="text.secondary">
          {translate('app.journey.empty')}
        </Typography>
      ) : null}
      <List aria-label={title} disablePadding>
        {activities.map((a) => (
          <JourneyItem key={a.id} activity={a} onMove={mayMove && a.access.canEdit ? () => setMoving(a) : undefined} />
        ))}
      </List>
      {isPending || isFetchingNextPage ? <LinearProgress aria-label={translate('app.journey.loading')} sx={{ my: 1 }} /> : null}
      {/* A new element per page (its key), observed anew: see useWhenInView. */}
      {hasNextPage ? <Box key={data?.pages.length} ref={sentinel} aria-hidden data-journey-end sx={{ height: 1 }} /> : null}
      {hasNextPage ? (
        <Button variant="outlined" size="small" onClick={loadMore} sx={{ mt: 1 }}>
          {translate('app.journey.load_more')}
        </Button>
      ) : !isPending && activities.length ? (
        <Typography variant="caption" color="text.secondary" component="p" sx={{ mt: 1 }}>
          {translate('app.journey.start')}
        </Typography>
      ) : null}
      {moving ? (
        <MoveActivityDialog
          record={moving}
          onClose={() => setMoving(null)}
          onDone={() => {
            setMoving(null);
            // The journey (every page loaded), the customer and its requests, whose status a move may change.
            refresh();
          }}
        />
      ) : null}
    </Box>
  );
};
