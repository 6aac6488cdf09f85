import { Extensions } from 'type-graphql';

/** The field extension a list field declares its size under (read by the cost estimator). */
export const LIST_SIZE = 'listSize';

/**
 * Declares how many items a list field returns at most (a fixed size, or the bound its resolver
 * or its input's validation enforces), so the cost limit can multiply by it. Lists sized by an
 * argument (`perPage`, `first`, `limit`) need no declaration.
 */
export const ListSize = (items: number) => Extensions({ [LIST_SIZE]: items });

/**
 * The size priced for lists whose length is tenant data that only privileged writers grow: a
 * request's activities, an activity's comments, a customer's open requests (no bound at all),
 * and a principal's roles and OU grants (validation allows 50 and 200, which admins never come
 * near). Pricing those at their theoretical maximum would make the console's own exports cost
 * 10 to 50 times what they do, and push the limit to where one read-only request may hold the
 * process for seconds. A reader cannot grow these lists; what exceeds the planning size is
 * caught by the statement timeout and the response size limit.
 */
export const DATA_SIZED_LIST = 10;
