import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import type { AccessCode } from './access-code.entity';
import { type CalledRoute, RouteDevice } from './called-route.entity';
import { targetFacts } from './routing-facts';
import type { SkillQueue } from './skill-queue.entity';
import { callMediaOf, MultimediaSubtype } from './skill-queue.enums';

/**
 * The rules of SPEC §6 across a called route's fields and across the tenant's numbers, checked
 * by the kernel before anything is written (resource `check`). Dialled numbers are unique in the
 * whole tenant, whatever the caller's OU scope: those facts are read with SQL naming the tenant
 * and answered yes or no, never with the other record.
 */

/** Whether a number is already another access code's, or dialled for another route. */
async function numberTaken(em: EntityManager, tenantId: string, number: string, accessCodeId: string, routeId: string) {
  const [row] = await em.execute<{ code: boolean; route: boolean }[]>(
    `select exists(select 1 from access_code where tenant_id = ? and code = ? and id <> ?::uuid) as code,
            exists(select 1 from called_route where tenant_id = ? and dialled_number = ? and id <> ?::uuid) as route`,
    [tenantId, number, accessCodeId, tenantId, number, routeId],
  );
  return { code: row?.code === true, route: row?.route === true };
}

/** Channels that use a route, as the queue of their dialogs or of their robot assistant (counted whatever their OU). */
async function channelsOn(em: EntityManager, tenantId: string, routeId: string): Promise<number> {
  const [row] = await em.execute<{ n: string }[]>(
    'select count(*) as n from web_channel where tenant_id = ? and (called_route_id = ?::uuid or robot_assistant_silent_route_id = ?::uuid)',
    [tenantId, routeId, routeId],
  );
  return Number(row?.n ?? 0);
}

export async function checkCalledRoute(em: EntityManager, route: CalledRoute, ctx: Context): Promise<FieldErrors> {
  const tenantId = ctx.principal!.tenantId;
  const errors: FieldErrors = {};
  // The target of the other device is cleared, so switching the device needs no second edit.
  if (route.deviceType === RouteDevice.SKILL_QUEUE) route.ivr = null;
  else route.skillQueue = null;
  const facts = await targetFacts(em, tenantId, { accessCode: route.accessCode.id, skillQueue: route.skillQueue?.id, ivr: route.ivr?.id });
  const code = facts.accessCode!;
  route.mediaType = code.mediaType;
  if (route.deviceType === RouteDevice.SKILL_QUEUE) {
    if (!facts.skillQueue) errors.skillQueueId = 'A route to a skill queue needs the skill queue';
    else if (facts.skillQueue.type !== code.mediaType) {
      errors.skillQueueId = `The skill queue takes ${facts.skillQueue.type} calls; access code ${code.code} takes ${code.mediaType} calls`;
    }
  } else {
    const media = callMediaOf(code.mediaType);
    if (!media) errors.deviceType = `Access code ${code.code} takes ${code.mediaType} calls: they go to skill queues, not to IVRs`;
    else if (!facts.ivr) errors.ivrId = 'A route to an IVR needs the IVR';
    else if (facts.ivr.mediaType !== media) errors.ivrId = `The IVR answers ${facts.ivr.mediaType} calls; access code ${code.code} takes ${media} calls`;
  }
  // Derived on every write, so it follows the access code and the extension.
  route.dialledNumber = code.code + route.extensionCode;
  const taken = await numberTaken(em, tenantId, route.dialledNumber, route.accessCode.id, route.id);
  const field = route.extensionCode ? 'extensionCode' : 'accessCodeId';
  if (taken.code) errors[field] = `${route.dialledNumber} is already the number of another access code`;
  else if (taken.route) errors[field] = `${route.dialledNumber} is already dialled for another called route`;
  const channels = await channelsOn(em, tenantId, route.id);
  if (channels && (route.mediaType !== 'MULTIMEDIA' || route.deviceType !== RouteDevice.SKILL_QUEUE)) {
    errors.deviceType ??= `${channels} channel${channels > 1 ? 's queue' : ' queues'} on this route: it stays a MULTIMEDIA route to a skill queue`;
  }
  return errors;
}

/**
 * An access code's own rules against the called routes: its number must not be what another
 * access code's route dials, and while routes use it its number and media type stay as they are
 * (their dialled numbers and targets were checked against them).
 */
export async function checkAccessCodeNumbers(em: EntityManager, accessCode: AccessCode, ctx: Context): Promise<FieldErrors> {
  const tenantId = ctx.principal!.tenantId;
  const [row] = await em.execute<{ clash: boolean; routes: string; code: string | null; media: string | null }[]>(
    `select exists(select 1 from called_route where tenant_id = ? and dialled_number = ? and access_code_id <> ?::uuid) as clash,
            (select count(*) from called_route where tenant_id = ? and access_code_id = ?::uuid) as routes,
            (select code from access_code where id = ?::uuid) as code,
            (select media_type::text from access_code where id = ?::uuid) as media`,
    [tenantId, accessCode.code, accessCode.id, tenantId, accessCode.id, accessCode.id, accessCode.id],
  );
  if (row?.clash) return { code: `${accessCode.code} is already dialled for a called route of another access code` };
  const routes = Number(row?.routes ?? 0);
  if (!routes) return {};
  // Stored values: the check runs before the change is written.
  const used = `used by ${routes} called route${routes > 1 ? 's' : ''}`;
  const errors: FieldErrors = {};
  if (row!.code !== accessCode.code) errors.code = `The number of an access code ${used} cannot change`;
  if (row!.media !== accessCode.mediaType) errors.mediaType = `The media type of an access code ${used} cannot change`;
  return errors;
}

/**
 * A skill queue's rules against the called routes and channels that reach it: it keeps the media
 * type of the routes' access codes, and while a channel's dialogs queue on it, it keeps serving WEB.
 */
export async function checkQueueRoutes(em: EntityManager, queue: SkillQueue, tenantId: string): Promise<FieldErrors> {
  const [row] = await em.execute<{ routes: string; channels: string }[]>(
    `select (select count(*) from called_route where tenant_id = ? and skill_queue_id = ?::uuid and media_type::text <> ?) as routes,
            (select count(*) from web_channel c join called_route r on r.id = c.called_route_id where c.tenant_id = ? and r.skill_queue_id = ?::uuid) as channels`,
    [tenantId, queue.id, queue.type, tenantId, queue.id],
  );
  const errors: FieldErrors = {};
  const routes = Number(row?.routes ?? 0);
  if (routes) errors.type = `${routes} called route${routes > 1 ? 's' : ''} of another media type go${routes > 1 ? '' : 'es'} to this queue; change them first`;
  const channels = Number(row?.channels ?? 0);
  if (channels && queue.subtypes.length && !queue.subtypes.includes(MultimediaSubtype.WEB)) {
    errors.subtypes = `${channels} web channel${channels > 1 ? 's queue' : ' queues'} dialogs here: the subtypes must include WEB (or be empty)`;
  }
  return errors;
}
