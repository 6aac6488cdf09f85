import type { EntityManager } from '@mikro-orm/postgresql';
import type { Context } from '../../base/context';
import type { FieldErrors } from '../../base/errors';
import type { Ivr } from './ivr.entity';
import type { VoicePrompt } from './voice-prompt.entity';

/**
 * An IVR or a voice prompt keeps the media of what uses it (SPEC §6): skill queues (handler
 * targets, the queuing IVR, the custom tones) and called routes were checked against it when
 * they chose it, so its media type cannot change under them. Counted with SQL naming the tenant,
 * whatever the caller's scope; the caller learns only how many records of each kind.
 */

/** The call media of a queue type or an access code's media type (as `callMediaOf`): null for MULTIMEDIA. */
const callMedia = (column: string) =>
  `(case when ${column}::text in ('VOICE', 'VOICE_CLICK_TO_DIAL') then 'VOICE' when ${column}::text in ('VIDEO', 'VIDEO_CLICK_TO_DIAL') then 'VIDEO' end)`;

const IVR_COLUMNS = ['queuing_ivr_id', 'on_timeout_ivr_id', 'on_busy_ivr_id', 'on_no_agent_ivr_id'];
const PROMPT_COLUMNS = ['queuing_prompt_id', 'hold_prompt_id', 'answer_prompt_id'];

/** Queues pointing at `id` through one of `columns` whose calls are not of `media`. */
const queuesOfOtherMedia = (columns: readonly string[]) =>
  `(select count(*) from skill_queue where tenant_id = ? and ?::uuid in (${columns.join(', ')}) and ${callMedia('type')} is distinct from ?)`;

/** "2 skill queues and 1 called route use this IVR for calls that are not VIDEO; change them first", or null when nothing does. */
function usedWithOtherMedia(what: string, media: string, counts: ReadonlyArray<[count: number, one: string, many: string]>): string | null {
  const parts = counts.filter(([n]) => n > 0).map(([n, one, many]) => `${n} ${n > 1 ? many : one}`);
  if (!parts.length) return null;
  const total = counts.reduce((sum, [n]) => sum + n, 0);
  return `${parts.join(' and ')} use${total > 1 ? '' : 's'} this ${what} for calls that are not ${media}; change ${total > 1 ? 'them' : 'it'} first`;
}

export async function checkIvrMedia(em: EntityManager, ivr: Ivr, ctx: Context): Promise<FieldErrors> {
  const tenantId = ctx.principal!.tenantId;
  const [row] = await em.execute<{ queues: string; routes: string }[]>(
    `select ${queuesOfOtherMedia(IVR_COLUMNS)} as queues,
            (select count(*) from called_route where tenant_id = ? and ivr_id = ?::uuid and ${callMedia('media_type')} is distinct from ?) as routes`,
    [tenantId, ivr.id, ivr.mediaType, tenantId, ivr.id, ivr.mediaType],
  );
  const message = usedWithOtherMedia('IVR', ivr.mediaType, [
    [Number(row?.queues ?? 0), 'skill queue', 'skill queues'],
    [Number(row?.routes ?? 0), 'called route', 'called routes'],
  ]);
  return message ? { mediaType: message } : {};
}

export async function checkPromptMedia(em: EntityManager, prompt: VoicePrompt, ctx: Context): Promise<FieldErrors> {
  const [row] = await em.execute<{ queues: string }[]>(`select ${queuesOfOtherMedia(PROMPT_COLUMNS)} as queues`, [
    ctx.principal!.tenantId,
    prompt.id,
    prompt.mediaType,
  ]);
  const message = usedWithOtherMedia('voice prompt', prompt.mediaType, [[Number(row?.queues ?? 0), 'skill queue', 'skill queues']]);
  return message ? { mediaType: message } : {};
}
