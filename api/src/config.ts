import { z } from 'zod';
import { compileProxyTrust } from './server/client-address';
import { isOrigin } from './server/cors';
import { DEFAULT_MAX_RESPONSE_BYTES } from './server/response-size';

/** PostgreSQL cancels a statement running longer (a request's, not a migration's). */
export const STATEMENT_TIMEOUT_DEFAULT_MS = 10_000;

/** A comma-separated list; blanks dropped. */
const list = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

/** Settings come from the environment only, validated once at start-up (see .env.example). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** When unset, an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** Redis for waking the event relays of several API processes (pub/sub); unset: PostgreSQL LISTEN/NOTIFY. */
  REDIS_URL: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || /^rediss?:\/\//.test(v), { message: 'give a redis:// or rediss:// URL' }),
  /** HS256 key for access tokens; required in production so replicas share it (see checkJwtSecret). */
  JWT_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(8 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted HTTP body / WebSocket message. */
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024),
  /** Largest reply sent (HTTP or WebSocket); a larger one is answered with RESPONSE_TOO_LARGE. */
  MAX_RESPONSE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_RESPONSE_BYTES),
  /** Requests' SQL statements running longer are cancelled (QUERY_TIMEOUT); 0 turns it off. */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(STATEMENT_TIMEOUT_DEFAULT_MS),
  /** How long an (account, client address) pair stays locked after 10 failed sign-ins. */
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * Proxies (addresses, CIDR ranges, or loopback / linklocal / uniquelocal) whose X-Forwarded-For
   * and X-Forwarded-Proto are believed. Default none: the socket's peer is the client.
   */
  TRUSTED_PROXIES: list.refine(
    (proxies) => {
      try {
        compileProxyTrust(proxies);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'give IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal), comma-separated' },
  ),
  /**
   * Origins (scheme://host[:port]) whose pages may call the API from a browser (CRM widgets).
   * Default none: no cross-origin access.
   */
  CORS_ORIGINS: list.refine((origins) => origins.every(isOrigin), {
    message: 'give origins such as https://crm.example.com (scheme, host, optional port; no path), comma-separated',
  }),
  /** Seeds the demo tenant (with its published passwords) on first start. Default: true, but false in production. */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

export type Config = Omit<z.infer<typeof envSchema>, 'SEED_DEMO'> & { SEED_DEMO: boolean };

/** HS256 needs a key at least as long as its 256-bit output. */
export const JWT_SECRET_MIN_BYTES = 32;

/** Secrets that were published as examples (.env.example, docker-compose): anyone could sign tokens with them. */
const PUBLISHED_SECRETS = new Set(['change-me-change-me-change-me-change-me', 'change-me-in-production-change-me-in-production']);

const GENERATE = 'generate one with `openssl rand -base64 48`';

/** Why a configured signing key must not be used, or undefined when it may. */
export function checkJwtSecret(secret: string | undefined, production: boolean): string | undefined {
  if (secret === undefined) return production ? `required when NODE_ENV=production; ${GENERATE}` : undefined;
  if (PUBLISHED_SECRETS.has(secret.trim())) return `is the published example value, which anyone can sign tokens with; ${GENERATE}`;
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < JWT_SECRET_MIN_BYTES) return `must be at least ${JWT_SECRET_MIN_BYTES} bytes (it has ${bytes}); ${GENERATE}`;
  return undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  if (parsed.success) {
    const secretProblem = checkJwtSecret(parsed.data.JWT_SECRET, parsed.data.NODE_ENV === 'production');
    if (secretProblem) problems.push(`JWT_SECRET: ${secretProblem}`);
  }
  if (!parsed.success || problems.length) throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  const { SEED_DEMO, ...rest } = parsed.data;
  // A production instance never gets the demo tenant (and its published passwords) by default.
  return { ...rest, SEED_DEMO: SEED_DEMO ?? rest.NODE_ENV !== 'production' };
}
