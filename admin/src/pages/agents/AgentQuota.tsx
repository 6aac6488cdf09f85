import { Typography } from '@mui/material';
import { useCanAccess, useDataProvider, type DataProvider } from 'react-admin';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import type { OperationsProvider } from '../../providers/dataProvider';
import { humanize } from '../../schema/humanize';

interface QuotaUsage {
  kind: string;
  used: number;
  allowed: number;
  parameter: string;
}

/** The tenant's agent quotas, used against allowed, when the caller may see them (agents:view). */
function useQuotaUsage() {
  const dataProvider = useDataProvider<DataProvider & OperationsProvider>();
  const { canAccess } = useCanAccess({ resource: 'Agent', action: 'list' });
  return useQuery({
    queryKey: ['tenantQuotaUsage'],
    enabled: !!canAccess,
    queryFn: () => dataProvider.query<QuotaUsage[]>('tenantQuotaUsage'),
  });
}

const nounOf = (kind: string) => (kind === 'INTELLIGENT' ? 'Agents with intelligent recognition' : `${humanize(kind)} agents`);

/** One quota's use, e.g. "Video agents: 3 of 10 used"; a full quota is said so. */
const QuotaLine = ({ kind }: { kind: string | undefined }) => {
  const { data } = useQuotaUsage();
  const quota = data?.find((q) => q.kind === kind);
  if (!quota) return null;
  const full = quota.used >= quota.allowed;
  return (
    <Typography variant="body2" color={full ? 'warning.main' : 'text.secondary'} sx={{ mt: -1, mb: 2 }} data-testid={`quota-${quota.kind}`}>
      {nounOf(quota.kind)}: {quota.used} of {quota.allowed} used{full ? ' — none left' : ''}
    </Typography>
  );
};

/** Beside an agent form's type: the tenant quota of the chosen type. */
export const AgentTypeQuota = () => {
  const type = useWatch({ name: 'agentType' }) as string | undefined;
  return <QuotaLine kind={type} />;
};

/** Beside an agent form's intelligent recognition: the tenant quota of agents with it. */
export const IntelligentQuota = () => <QuotaLine kind="INTELLIGENT" />;
