import { useState } from 'react';
import { gql } from '@apollo/client';
import { Alert, Box, Button, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { DateTimeInput, Form, NumberInput, SelectInput, TextInput, useGetList, useRecordContext, useTranslate } from 'react-admin';
import { enumLabel, generatedLabel } from '../i18n/generated';
import { useIntlLocale } from '../i18n/fields';
import { apolloClient } from '../providers/apollo';
import { toHttpError, fieldErrorsOf } from '../providers/errors';
import { useMe } from '../providers/me';
import { mayRun } from '../providers/permissions';
import { MAX_PER_PAGE } from '../schema/constraints';
import { humanize } from '../schema/humanize';

/** The walk as the server answers it (CallSimulation in schema/schema.graphql). */
interface Simulation {
  dialledNumber: string;
  at: string;
  outcome: string;
  steps: { kind: string; hidden: boolean; recordId: string | null; name: string | null; rule: string; numbers: { name: string; value: number }[] }[];
}

const SIMULATE = gql`
  query simulateCall($dialledNumber: String!, $at: DateTimeISO, $assume: AssumedLoadInput) {
    simulateCall(dialledNumber: $dialledNumber, at: $at, assume: $assume) {
      dialledNumber
      at
      outcome
      steps {
        kind
        hidden
        recordId
        name
        rule
        numbers {
          name
          value
        }
      }
    }
  }
`;

interface Values {
  routeNumber?: string | null;
  number?: string | null;
  at?: string | null;
  assumeQueuedCalls?: number | null;
  assumeSignedIn?: number | null;
  assumeBusy?: number | null;
}

/** The assumed load's fields (AssumedLoadInput) by the panel's inputs, named apart from the queue's own fields. */
const ASSUMED = { queuedCalls: 'assumeQueuedCalls', signedIn: 'assumeSignedIn', busy: 'assumeBusy' } as const;

const given = (v: unknown) => v != null && v !== '';

const INPUT = { width: 220 };

/** The name of a number that decided a step (`deviceUsage`), a text the server sends. */
const numberLabel = (name: string) => generatedLabel(`simulation.numbers.${name}`, humanize(name));

/**
 * "What happens to a call now?" on a skill queue's page: one of the queue's called routes (or any
 * number), an optional instant and an assumed load for the route's queue, answered by
 * `simulateCall` step by step (the route, the channel's work time, the queue's load, the handler
 * that applies and where transfers lead), with the rule and the numbers that decided each step.
 */
export const CallSimulatorPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const intlLocale = useIntlLocale();
  const { data: me } = useMe();
  const allowed = !!me && mayRun(me, { root: 'Query', name: 'simulateCall' });
  const { data: routes } = useGetList(
    'CalledRoute',
    { filter: { skillQueueId: record?.id }, pagination: { page: 1, perPage: MAX_PER_PAGE }, sort: { field: 'dialledNumber', order: 'ASC' } },
    { enabled: allowed && !!record?.id },
  );
  const [result, setResult] = useState<Simulation | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!record || !allowed) return null;

  const run = async (values: Values) => {
    const dialledNumber = String((given(values.number) ? values.number : values.routeNumber) ?? '').trim();
    if (!dialledNumber) return { number: 'app.simulator.number_required' };
    const assume = Object.fromEntries(
      Object.entries(ASSUMED)
        .filter(([, input]) => given(values[input]))
        .map(([field, input]) => [field, Number(values[input])]),
    );
    try {
      const { data } = await apolloClient.query<{ simulateCall: Simulation }>({
        query: SIMULATE,
        fetchPolicy: 'no-cache',
        variables: {
          dialledNumber,
          ...(given(values.at) ? { at: new Date(values.at as string).toISOString() } : {}),
          ...(Object.keys(assume).length ? { assume } : {}),
        },
      });
      setError(null);
      setResult(data?.simulateCall ?? null);
      return undefined;
    } catch (e) {
      const mapped = toHttpError(e);
      const fields = fieldErrorsOf(mapped);
      setResult(null);
      setError(translate((mapped as Error).message));
      // The server's field names, under the inputs that gave them (the number typed or picked).
      if (fields) {
        const inputOf = (k: string) => (k === 'dialledNumber' ? 'number' : (ASSUMED[k as keyof typeof ASSUMED] ?? k));
        return Object.fromEntries(Object.entries(fields).map(([k, v]) => [inputOf(k), v]));
      }
      return undefined;
    }
  };

  return (
    <Box component="section" aria-label={translate('app.simulator.title')} data-panel="call-simulator" sx={{ width: '100%', mt: 2 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('app.simulator.title')}
      </Typography>
      {/* Its own values, not the queue's (the record around it has a `queuedCalls` too). */}
      <Form onSubmit={run as never} record={{}} noValidate>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start', flexWrap: 'wrap' }} useFlexGap>
          <SelectInput
            source="routeNumber"
            label="app.simulator.route"
            choices={(routes ?? []).map((r) => ({ id: r.dialledNumber as string, name: r.dialledNumber as string }))}
            helperText={false}
            emptyText="app.none"
            sx={INPUT}
          />
          <TextInput source="number" label="app.simulator.number" helperText={false} sx={INPUT} />
          <DateTimeInput source="at" label="app.simulator.at" helperText={false} sx={INPUT} />
          <NumberInput source="assumeQueuedCalls" label="app.simulator.assume_queued" min={0} step={1} helperText={false} sx={INPUT} />
          <NumberInput source="assumeSignedIn" label="app.simulator.assume_signed_in" min={0} step={1} helperText={false} sx={INPUT} />
          <NumberInput source="assumeBusy" label="app.simulator.assume_busy" min={0} step={1} helperText={false} sx={INPUT} />
          <Button type="submit" variant="contained" sx={{ mt: 1 }}>
            {translate('app.simulator.run')}
          </Button>
        </Stack>
      </Form>
      {error && !result ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      ) : null}
      {result ? (
        <Box sx={{ mt: 1 }} data-testid="simulation">
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="body2">
              {translate('app.simulator.answer', { number: result.dialledNumber, at: new Date(result.at).toLocaleString(intlLocale) })}
            </Typography>
            <Chip
              label={translate('app.simulator.outcome', { outcome: translate(enumLabel('CallOutcome', result.outcome)) })}
              color={result.outcome === 'QUEUED' || result.outcome === 'IVR' ? 'success' : 'default'}
            />
          </Stack>
          <Table size="small" aria-label={translate('app.simulator.steps')}>
            <TableHead>
              <TableRow>
                <TableCell>#</TableCell>
                <TableCell>{translate('app.simulator.step')}</TableCell>
                <TableCell>{translate('app.simulator.record')}</TableCell>
                <TableCell>{translate('app.simulator.rule')}</TableCell>
                <TableCell>{translate('app.simulator.numbers')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.steps.map((s, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the steps are an ordered answer, never reordered
                <TableRow key={i}>
                  <TableCell>{i + 1}</TableCell>
                  <TableCell>{translate(enumLabel('CallStepKind', s.kind))}</TableCell>
                  <TableCell>{s.hidden ? translate('app.simulator.hidden') : (s.name ?? '')}</TableCell>
                  {/* The rule is the server's explanation, shown as it sends it. */}
                  <TableCell>{s.rule}</TableCell>
                  <TableCell>{s.numbers.map((n) => `${translate(numberLabel(n.name))} ${n.value.toLocaleString(intlLocale)}`).join(' · ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      ) : null}
    </Box>
  );
};
