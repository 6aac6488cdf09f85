import { Typography } from '@mui/material';
import { useCanAccess, useDataProvider, useTranslate, type DataProvider } from 'react-admin';
import { enumLabel } from '../../i18n/generated';
import { useQuery } from '@tanstack/react-query';
import { useWatch } from 'react-hook-form';
import type { OperationsProvider } from '../../providers/dataProvider';

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

/** One quota's use, e.g. "Video agents: 3 of 10 used"; a full quota is said so. */
const QuotaLine = ({ kind }: { kind: string | undefined }) => {
  const { data } = useQuotaUsage();
  const translate = useTranslate();
  const quota = data?.find((q) => q.kind === kind);
  if (!quota) return null;
  const full = quota.used >= quota.allowed;
  return (
    <Typography variant="body2" color={full ? 'warning.main' : 'text.secondary'} sx={{ mt: -1, mb: 2 }} data-testid={`quota-${quota.kind}`}>
      {translate(full ? 'app.agents.quota.full' : 'app.agents.quota.used', {
        kind:
          quota.kind === 'INTELLIGENT'
            ? translate('app.agents.quota.intelligent')
            : translate('app.agents.quota.of_kind', { kind: translate(enumLabel('AgentQuotaKind', quota.kind)) }),
        used: quota.used,
        allowed: quota.allowed,
      })}
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
