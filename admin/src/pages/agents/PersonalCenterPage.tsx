import { useMemo, type ReactNode } from 'react';
import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Form, Loading, ResourceContextProvider, SaveButton, Title, useAuthenticated, useDataProvider, useNotify, type DataProvider } from 'react-admin';
import { useQueryClient } from '@tanstack/react-query';
import { formInputs } from '../../generator/inputs';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { humanize } from '../../schema/humanize';
import { AgentParametersTable } from './AgentParametersTable';
import { effectiveSettings, MY_AGENT_KEY, SOURCE_LABELS, useMyAgent, type Effective, type MyAgent } from './myAgent';

export const PERSONAL_CENTER_PATH = '/personal-center';

const MUTATION = 'updateMySettings';
const EMPTY = '—';

const Row = ({ label, testId, children }: { label: string; testId: string; children: ReactNode }) => (
  <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '12rem 1fr' }, gap: { xs: 0.5, sm: 2 }, py: 0.75 }}>
    <Typography component="dt" variant="body2" color="text.secondary">
      {label}
    </Typography>
    <Box component="dd" sx={{ m: 0 }} data-testid={testId}>
      {children}
    </Box>
  </Box>
);

const Text = ({ value }: { value: string | number | null | undefined }) => (
  <Typography variant="body1">{value === '' || value == null ? EMPTY : value}</Typography>
);

/** Employee and agent information, as `myAgent` gives them. */
const Profile = ({ me }: { me: MyAgent }) => {
  const { employee, agent } = me;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      <Box component="section" aria-labelledby="pc-employee">
        <Typography id="pc-employee" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Employee
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Row label="Account" testId="pc-account">
            <Text value={employee.account} />
          </Row>
          <Row label="Name" testId="pc-name">
            <Text value={employee.name} />
          </Row>
          <Row label="Phone" testId="pc-phone">
            <Text value={employee.phone} />
          </Row>
          <Row label="E-mail" testId="pc-email">
            <Text value={employee.email} />
          </Row>
          <Row label="Position" testId="pc-position">
            <Text value={employee.position} />
          </Row>
          <Row label="Manager" testId="pc-manager">
            <Text value={employee.managerName} />
          </Row>
        </Box>
      </Box>
      <Box component="section" aria-labelledby="pc-agent">
        <Typography id="pc-agent" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          Agent
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Row label="Agent ID" testId="pc-agent-id">
            <Text value={agent.agentId} />
          </Row>
          <Row label="Agent type" testId="pc-agent-type">
            <Text value={humanize(agent.agentType)} />
          </Row>
          <Row label="Platform role" testId="pc-platform-role">
            <Text value={humanize(agent.platformRole)} />
          </Row>
          <Row label="Softphone number" testId="pc-softphone">
            <Text value={agent.softphoneNumber} />
          </Row>
          <Row label={agent.skillQueueGroupName ? 'Skill queue group' : 'Skill queues'} testId="pc-skill-queues">
            {agent.skillQueueGroupName ? <Text value={agent.skillQueueGroupName} /> : null}
            {agent.skillQueues.length ? (
              <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: agent.skillQueueGroupName ? 0.5 : 0 }}>
                {agent.skillQueues.map((q) => (
                  <Chip key={q.id} size="small" label={q.isDefault ? `${q.name} (default)` : q.name} color={q.isDefault ? 'primary' : 'default'} />
                ))}
              </Stack>
            ) : (
              <Text value={null} />
            )}
          </Row>
        </Box>
      </Box>
    </Box>
  );
};

/** The value that applies and where it comes from, under the setting's input. */
const EffectiveValue = ({ name, effective }: { name: string; effective: Effective<number | string> }) => (
  <Typography variant="body2" color="text.secondary" sx={{ mt: -1, mb: 2 }} data-testid={`effective-${name}`}>
    Effective value: <strong>{effective.value}</strong> — <Chip component="span" size="small" variant="outlined" label={effective.source} />{' '}
    {SOURCE_LABELS[effective.source]}
  </Typography>
);

/** The personalized settings, generated from `updateMySettings`; each inherited one shows what applies and its source. */
const SettingsForm = ({ me }: { me: MyAgent }) => {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const queryClient = useQueryClient();
  const notify = useNotify();
  // The effective values change with a save: the inputs are generated again with them.
  const effective = JSON.stringify(effectiveSettings(me));
  const inputs = useMemo(() => {
    const values = JSON.parse(effective) as ReturnType<typeof effectiveSettings>;
    return formInputs(MUTATION, {
      beside: Object.fromEntries(Object.entries(values).map(([name, e]) => [name, <EffectiveValue key={name} name={name} effective={e} />])),
    });
  }, [effective]);
  const submit = async (values: Record<string, unknown>) => {
    try {
      const next = await dataProvider.mutate<MyAgent>(MUTATION, values, { depth: 3 });
      queryClient.setQueryData(MY_AGENT_KEY, next);
      notify('Settings saved', { type: 'success' });
      return undefined;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'The settings could not be saved', { type: 'error' });
      return undefined;
    }
  };
  return (
    <ResourceContextProvider value="MySettings">
      <Form record={me.settings} onSubmit={submit as never} noValidate>
        {inputs}
        <SaveButton label="Save settings" />
      </Form>
    </ResourceContextProvider>
  );
};

const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Card component="section" aria-labelledby={id}>
    <CardContent>
      <Typography id={id} variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

/**
 * The signed-in agent's own page (SPEC §5, personal-center.txt): its employee and agent
 * information, its personalized settings with the values that apply, and its agent parameters.
 */
export const PersonalCenterPage = () => {
  useAuthenticated();
  const { data: me, isPending } = useMyAgent();
  if (isPending) return <Loading />;
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2, maxWidth: 1040 }}>
      <Title title="Personal Center" />
      <Typography variant="h5" component="h1">
        Personal Center
      </Typography>
      {me ? (
        <>
          <Section id="pc-profile" title="Profile">
            <Profile me={me} />
          </Section>
          <Section id="pc-settings" title="Personalized settings">
            <SettingsForm me={me} />
          </Section>
          <Section id="pc-parameters" title="Agent parameters">
            <AgentParametersTable agentId={me.agent.id} />
          </Section>
        </>
      ) : (
        <Alert severity="info">You have no agent: the personal center is for employees who work as agents.</Alert>
      )}
    </Box>
  );
};
