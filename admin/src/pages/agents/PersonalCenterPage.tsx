import { useMemo, type ReactNode } from 'react';
import { Alert, Box, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import {
  Form,
  Loading,
  ResourceContextProvider,
  SaveButton,
  Title,
  useAuthenticated,
  useDataProvider,
  useNotify,
  useTranslate,
  type DataProvider,
} from 'react-admin';
import { enumLabel } from '../../i18n/generated';
import { useQueryClient } from '@tanstack/react-query';
import { formInputs } from '../../generator/inputs';
import type { OperationsProvider } from '../../providers/dataProvider';
import { fieldErrorsOf } from '../../providers/errors';
import { AgentParametersTable } from './AgentParametersTable';
import { effectiveSettings, MY_AGENT_KEY, useMyAgent, type Effective, type MyAgent } from './myAgent';

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
  const translate = useTranslate();
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 2 }}>
      <Box component="section" aria-labelledby="pc-employee">
        <Typography id="pc-employee" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('app.agents.pc.employee')}
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Row label={translate('app.profile.account')} testId="pc-account">
            <Text value={employee.account} />
          </Row>
          <Row label={translate('app.profile.name')} testId="pc-name">
            <Text value={employee.name} />
          </Row>
          <Row label={translate('app.agents.pc.phone')} testId="pc-phone">
            <Text value={employee.phone} />
          </Row>
          <Row label={translate('app.agents.pc.email')} testId="pc-email">
            <Text value={employee.email} />
          </Row>
          <Row label={translate('app.agents.pc.position')} testId="pc-position">
            <Text value={employee.position} />
          </Row>
          <Row label={translate('app.agents.pc.manager')} testId="pc-manager">
            <Text value={employee.managerName} />
          </Row>
        </Box>
      </Box>
      <Box component="section" aria-labelledby="pc-agent">
        <Typography id="pc-agent" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
          {translate('app.agents.pc.agent')}
        </Typography>
        <Box component="dl" sx={{ m: 0 }}>
          <Row label={translate('app.agents.pc.agent_id')} testId="pc-agent-id">
            <Text value={agent.agentId} />
          </Row>
          <Row label={translate('app.agents.pc.agent_type')} testId="pc-agent-type">
            <Text value={translate(enumLabel('AgentType', agent.agentType))} />
          </Row>
          <Row label={translate('app.agents.pc.platform_role')} testId="pc-platform-role">
            <Text value={translate(enumLabel('AgentPlatformRole', agent.platformRole))} />
          </Row>
          <Row label={translate('app.agents.pc.softphone')} testId="pc-softphone">
            <Text value={agent.softphoneNumber} />
          </Row>
          <Row label={translate(agent.skillQueueGroupName ? 'app.agents.pc.skill_queue_group' : 'app.agents.pc.skill_queues')} testId="pc-skill-queues">
            {agent.skillQueueGroupName ? <Text value={agent.skillQueueGroupName} /> : null}
            {agent.skillQueues.length ? (
              <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 0.5, mt: agent.skillQueueGroupName ? 0.5 : 0 }}>
                {agent.skillQueues.map((q) => (
                  <Chip
                    key={q.id}
                    size="small"
                    label={q.isDefault ? translate('app.agents.pc.default_queue', { name: q.name }) : q.name}
                    color={q.isDefault ? 'primary' : 'default'}
                  />
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
const EffectiveValue = ({ name, effective }: { name: string; effective: Effective<number | string> }) => {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: -1, mb: 2 }} data-testid={`effective-${name}`}>
      {translate('app.agents.pc.effective')} <strong>{effective.value}</strong> —{' '}
      <Chip component="span" size="small" variant="outlined" label={translate(`app.agents.source_code.${effective.source}`)} />{' '}
      {translate(`app.agents.source_of.${effective.source}`)}
    </Typography>
  );
};

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
      notify('app.agents.pc.saved', { type: 'success' });
      return undefined;
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields) return fields;
      notify(error instanceof Error ? error.message : 'app.agents.pc.save_failed', { type: 'error' });
      return undefined;
    }
  };
  return (
    <ResourceContextProvider value="MySettings">
      <Form record={me.settings} onSubmit={submit as never} noValidate>
        {inputs}
        <SaveButton label="app.agents.pc.save" />
      </Form>
    </ResourceContextProvider>
  );
};

/** A card of the page; `title` is a translation key. */
const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <Card component="section" aria-labelledby={id}>
    <CardContent>
      <Typography id={id} variant="h6" component="h2" gutterBottom>
        {useTranslate()(title)}
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
  const translate = useTranslate();
  if (isPending) return <Loading />;
  return (
    <Box sx={{ mt: 2, display: 'grid', gap: 2, maxWidth: 1040 }}>
      <Title title="app.agents.pc.title" />
      <Typography variant="h5" component="h1">
        {translate('app.agents.pc.title')}
      </Typography>
      {me ? (
        <>
          <Section id="pc-profile" title="app.profile.title">
            <Profile me={me} />
          </Section>
          <Section id="pc-settings" title="app.agents.pc.settings">
            <SettingsForm me={me} />
          </Section>
          <Section id="pc-parameters" title="app.agents.parameters.title">
            <AgentParametersTable agentId={me.agent.id} />
          </Section>
        </>
      ) : (
        <Alert severity="info">{translate('app.agents.pc.no_agent')}</Alert>
      )}
    </Box>
  );
};
