import type { Target } from './load';
import { expect, graphql, type Scenario } from './scenario';

/** M3: the per-request cost of the stack itself, an authenticated trivial query against a bare node:http reply. */
export function pipelineScenarios(api: Target, bare: Target, adminId: string, adminToken: string): Scenario[] {
  const me = graphql(adminToken, '{ me { id } }', {}, (data) => expect((data.me as { id: string }).id === adminId, 'me is not the signed-in admin'));
  const hello = {
    method: 'GET' as const,
    path: `/hello?id=${adminId}`,
    check: (reply: unknown) => expect((reply as { data: { me: { id: string } } }).data.me.id === adminId, 'wrong hello'),
  };
  return [
    { id: 'M3', name: '{ me { id } }, authenticated, API', target: api, requests: [me], baseline: 'M3 bare' },
    { id: 'M3 bare', name: 'the same JSON from a bare node:http server', target: bare, requests: [hello] },
  ];
}
