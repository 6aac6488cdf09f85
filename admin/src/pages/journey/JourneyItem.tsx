import type { ReactNode } from 'react';
import { Box, Button, Card, CardContent, Chip, List, ListItem, Stack, Typography } from '@mui/material';
import DriveFileMoveIcon from '@mui/icons-material/DriveFileMove';
import { RecordContextProvider, useTranslate } from 'react-admin';
import { enumLabel, operationLabel } from '../../i18n/generated';
import { LocaleDateField } from '../../i18n/fields';
import { EMPTY, objectColumnLabel } from '../../generator/fields';
import type { JourneyActivity } from './journey';

/** The contact record's values a card shows, in this order (the channel is the card's own), then its times. */
const CONTACT_VALUES = ['caller', 'called', 'agent', 'skillQueue'] as const;
const CONTACT_TIMES = ['startedAt', 'endedAt'] as const;

const Value = ({ label, children }: { label: string; children: ReactNode }) => (
  <Box component="span" sx={{ display: 'inline-flex', gap: 0.5, minWidth: 0, overflowWrap: 'anywhere' }}>
    <Box component="span" sx={{ color: 'text.secondary' }}>
      {label}:
    </Box>
    <span>{children}</span>
  </Box>
);

/**
 * One activity of the journey: when and on which channel, its request (with its status) or none,
 * the contact it was recorded from, its tags, fields and comments; Move when the caller may.
 */
export const JourneyItem = ({ activity, onMove }: { activity: JourneyActivity; onMove?: () => void }) => {
  const translate = useTranslate();
  const { request, contactRecord } = activity;
  const fieldEntries = Object.entries(activity.fields ?? {});
  const titleId = `journey-${activity.id}`;
  return (
    <ListItem disableGutters sx={{ display: 'block', py: 0.75 }} data-activity={activity.id}>
      <RecordContextProvider value={activity}>
        <Card variant="outlined" component="article" aria-labelledby={titleId}>
          <CardContent sx={{ '&:last-child': { pb: 2 } }}>
            <Stack direction="row" sx={{ alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
              <Typography id={titleId} component="h3" variant="subtitle2" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                <Chip component="span" size="small" color="primary" variant="outlined" label={translate(enumLabel('Channel', activity.mediaType))} />
                <LocaleDateField source="createdAt" showTime />
              </Typography>
              <Box sx={{ flex: 1 }} />
              {onMove ? (
                // Described by the card's title: which activity each of the list's Move buttons moves.
                <Button size="small" startIcon={<DriveFileMoveIcon />} onClick={onMove} aria-describedby={titleId}>
                  {translate(operationLabel('moveActivity', 'Move'))}
                </Button>
              ) : null}
            </Stack>
            <Stack spacing={0.5} sx={{ mt: 1, typography: 'body2' }}>
              <Box data-request sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <Box component="span" sx={{ color: 'text.secondary' }}>
                  {translate('app.journey.request')}:
                </Box>
                {request ? (
                  <>
                    <span data-request-title>{request.title}</span>
                    <Chip
                      size="small"
                      label={translate(enumLabel('RequestStatus', request.status))}
                      color={request.status === 'OPEN' ? 'success' : 'default'}
                      data-status={request.status}
                    />
                  </>
                ) : (
                  <span>{translate(activity.requestId ? 'app.journey.request_hidden' : 'app.journey.no_request')}</span>
                )}
              </Box>
              {contactRecord ? (
                <Box data-contact sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, rowGap: 0.5 }}>
                  <span>{translate(enumLabel('Direction', contactRecord.direction))}</span>
                  {CONTACT_VALUES.filter((k) => contactRecord[k]).map((k) => (
                    <Value key={k} label={translate(objectColumnLabel('ContactRecord', k))}>
                      {contactRecord[k]}
                    </Value>
                  ))}
                  {CONTACT_TIMES.filter((k) => contactRecord[k]).map((k) => (
                    <Value key={k} label={translate(objectColumnLabel('ContactRecord', k))}>
                      <LocaleDateField source={k} record={contactRecord} showTime />
                    </Value>
                  ))}
                </Box>
              ) : null}
              {activity.tags.length ? (
                <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
                  {activity.tags.map((t) => (
                    <Chip key={t} size="small" label={t} />
                  ))}
                </Box>
              ) : null}
              {fieldEntries.length ? (
                <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2 }}>
                  {fieldEntries.map(([k, v]) => (
                    <Value key={k} label={k}>
                      {v == null ? EMPTY : typeof v === 'object' ? JSON.stringify(v) : String(v)}
                    </Value>
                  ))}
                </Box>
              ) : null}
            </Stack>
            {activity.commentCount ? (
              <Box sx={{ mt: 1 }}>
                <Typography variant="caption" color="text.secondary" component="h4">
                  {translate('app.journey.comments', { smart_count: activity.commentCount })}
                </Typography>
                <List dense disablePadding aria-label={translate('app.journey.comments', { smart_count: activity.commentCount })}>
                  {activity.comments.map((c) => (
                    <ListItem key={c.id} disableGutters sx={{ display: 'block', py: 0.25, typography: 'body2' }}>
                      <span>{c.text}</span>{' '}
                      <Box component="span" sx={{ color: 'text.secondary', typography: 'caption' }}>
                        — {c.author}, <LocaleDateField source="at" record={c} showTime variant="caption" />
                      </Box>
                    </ListItem>
                  ))}
                </List>
              </Box>
            ) : null}
          </CardContent>
        </Card>
      </RecordContextProvider>
    </ListItem>
  );
};
