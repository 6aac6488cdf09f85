import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { AgentParametersTable } from './AgentParametersTable';

/** On an agent's page: its parameters, edited, reset and synced as in its personal center. */
export const AgentParametersPanel = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record?.id) return null;
  return (
    <Box component="section" aria-labelledby="agent-parameters-title" sx={{ mt: 2 }}>
      <Typography id="agent-parameters-title" variant="subtitle1" component="h2" sx={{ fontWeight: 600, mb: 1 }}>
        {translate('app.agents.parameters.title')}
      </Typography>
      <AgentParametersTable agentId={String(record.id)} />
    </Box>
  );
};
