import { probe, type Target } from './load';
import { expect, graphql, type Scenario, sameAs } from './scenario';
import type { World } from './seed';

/** What a CRM asks for when the phone rings (the bare server's statement builds the same reply). */
export const CONTEXT_QUERY = `query Context($phone: String) {
  customerContext(phone: $phone) {
    customer { id customerNumber name gender phones emails company ouId updatedAt }
    latestContacts { id caller called channel direction startedAt endedAt }
    openRequests { id title status lastActivityAt activities { id mediaType tags createdAt } }
    access { canEdit canDelete }
  }
}`;

interface ContextData {
  customerContext: {
    customer: { id: string };
    latestContacts: unknown[];
    openRequests: { status: string; activities: unknown[] }[];
    access: { canEdit: boolean };
  } | null;
}

/**
 * M1: customerContext by phone for the context customers in turn (each with 8+ contacts, 2 open
 * requests of 3 activities, 1 closed), as the tenant admin, against the bare server's one statement.
 */
export async function contextScenarios(api: Target, bare: Target, world: World, adminToken: string): Promise<Scenario[]> {
  const apiRequests = world.contextCustomers.map((c) =>
    graphql(adminToken, CONTEXT_QUERY, { phone: c.phone }, (data) => {
      const ctx = (data as unknown as ContextData).customerContext;
      expect(ctx?.customer.id === c.id, `customerContext(phone: "${c.phone}") should find customer ${c.id}`);
      expect(ctx.latestContacts.length === 5, `${ctx.latestContacts.length} latest contacts instead of 5`);
      expect(
        ctx.openRequests.length === 2 && ctx.openRequests.every((r) => r.status === 'OPEN' && r.activities.length === 3),
        'expected 2 open requests with 3 activities each',
      );
      expect(ctx.access.canEdit, 'the tenant admin may edit the customer');
    }),
  );
  const answers = (await probe(api, apiRequests)).map((body) => JSON.parse(body) as unknown);
  const bareRequests = world.contextCustomers.map((c, i) => sameAs(`/context?tenant=${world.tenantId}&phone=${encodeURIComponent(c.phone)}`, () => answers[i]));
  return [
    {
      id: 'M1',
      name: 'customerContext by phone, API (tenant admin)',
      target: api,
      requests: apiRequests,
      baseline: 'M1 bare',
      goal: { kind: 'ratio-at-least', value: 0.6 },
    },
    { id: 'M1 bare', name: 'same reply, one SQL statement behind node:http', target: bare, requests: bareRequests },
  ];
}
