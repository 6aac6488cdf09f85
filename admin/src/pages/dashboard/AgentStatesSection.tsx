import { gql } from '@apollo/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Card, CardContent, Chip, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import DotIcon from '@mui/icons-material/FiberManualRecord';
import { Link, useTranslate } from 'react-admin';
import { enumLabel } from '../../i18n/generated';
import { useIntlLocale } from '../../i18n/fields';
import { apolloClient } from '../../providers/apollo';
import { subscribe } from '../../providers/live';
import { COMPACT_TABLE, HomeSection } from '../HomeSection';
import { useMayRun, useQueueList } from './liveQueues';

type State = 'SIGNED_OUT' | 'IDLE' | 'BUSY' | 'WRAP_UP';

interface AgentRow {
  id: string;
  agentId: number;
  state: State;
  /** When its reported state last changed (null: never reported), then when this page heard it change. */
  stateChangedAt: string | number | null;
  signedInQueueIds: string[];
}

/** The most agents one query lists (the server's largest page). */
const LISTED = 500;

const AGENTS = gql`
  query dashboardAgents($perPage: Int!) {
    allAgents(perPage: $perPage, sortField: "agentId", sortOrder: "ASC") {
      id
      agentId
      state
      stateChangedAt
      signedInQueueIds
    }
  }
`;

const AGENT_STATES = 'subscription($after: SafeInt) { agentStateChanged(after: $after) { seq agentId state signedInQueueIds } }';

/** A state's dot (its text says it: the colour only helps to scan the column, so it needs no contrast of its own). */
const DOT: Record<State, string> = { SIGNED_OUT: 'text.disabled', IDLE: 'success.main', BUSY: 'error.main', WRAP_UP: 'warning.main' };

/**
 * Issue 12, item 5: the agents' live states — state, since when, the queues each is signed in
 * to — read once, then kept by agentStateChanged. Shown to whoever may list agents and follow
 * their states; the queues are named when the viewer may read them.
 */
export const AgentStatesSection = () => {
  const allowed = useMayRun({ root: 'Query', name: 'allAgents' }, { root: 'Subscription', name: 'agentStateChanged' });
  if (!allowed) return null;
  return <AgentStates />;
};

/** The agents as listed, with the changes heard since (newer than the list: they win). */
function useLiveAgents(): AgentRow[] | undefined {
  const { data, refetch } = useQuery({
    queryKey: ['home', 'dashboardAgents'],
    queryFn: async () => (await apolloClient.query<{ allAgents: AgentRow[] }>({ query: AGENTS, variables: { perPage: LISTED } })).data.allAgents,
  });
  const [heard, setHeard] = useState<Map<string, Pick<AgentRow, 'state' | 'signedInQueueIds' | 'stateChangedAt'>>>(new Map());
  useEffect(
    () =>
      subscribe(AGENT_STATES, {}, (payload) => {
        const { agentId, state, signedInQueueIds } = payload.agentStateChanged as { agentId: string; state: State; signedInQueueIds: string[] };
        setHeard((before) => new Map(before).set(agentId, { state, signedInQueueIds, stateChangedAt: Date.now() }));
      }),
    [],
  );
  // An agent first heard of live (created since, or newly in scope) is listed again.
  const unlisted = data && data.length < LISTED ? [...heard.keys()].some((id) => !data.some((a) => a.id === id)) : false;
  useEffect(() => {
    if (unlisted) void refetch();
  }, [unlisted, refetch]);
  return data?.map((a) => ({ ...a, ...heard.get(a.id) }));
}

const AgentStates = () => {
  const translate = useTranslate();
  const locale = useIntlLocale();
  const agents = useLiveAgents();
  const mayReadQueues = useMayRun({ root: 'Query', name: 'allSkillQueues' });
  const { data: queues = [] } = useQueueList(mayReadQueues);
  if (!agents) return null;
  const names = new Map(queues.map((q) => [q.id, q.name]));
  const today = new Date().toDateString();
  const sinceOf = (at: AgentRow['stateChangedAt']) => {
    if (at == null) return '';
    const date = new Date(at);
    return date.toDateString() === today
      ? date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
      : date.toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  };

  return (
    <HomeSection title="app.dashboard.agents" id="agents">
      <Card variant="outlined">
        {agents.length ? (
          <TableContainer>
            <Table size="small" aria-label={translate('app.dashboard.agents')} sx={COMPACT_TABLE}>
              <TableHead>
                <TableRow>
                  <TableCell>{translate('app.dashboard.agent')}</TableCell>
                  <TableCell>{translate('app.dashboard.state')}</TableCell>
                  <TableCell>{translate('app.dashboard.since')}</TableCell>
                  <TableCell>{translate('app.dashboard.signed_in_queues')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {agents.map((a) => (
                  <TableRow key={a.id} data-agent={a.id}>
                    <TableCell component="th" scope="row">
                      <Link to={`/Agent/${a.id}/show`}>{a.agentId}</Link>
                    </TableCell>
                    <TableCell data-cell="state" data-state={a.state}>
                      <Chip
                        size="small"
                        variant="outlined"
                        icon={<DotIcon aria-hidden sx={{ '&&': { color: DOT[a.state] } }} />}
                        label={translate(enumLabel('AgentStateValue', a.state))}
                      />
                    </TableCell>
                    <TableCell data-cell="since">{sinceOf(a.stateChangedAt)}</TableCell>
                    <TableCell data-cell="queues" sx={{ overflowWrap: 'anywhere' }}>
                      {a.signedInQueueIds
                        .map((id) => names.get(id))
                        .filter(Boolean)
                        .join(', ')}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : (
          <CardContent>
            <Typography variant="body2">{translate('app.dashboard.no_agents')}</Typography>
          </CardContent>
        )}
      </Card>
    </HomeSection>
  );
};
