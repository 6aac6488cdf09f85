import { z } from 'zod';
import { compileProxyTrust } from './server/client-address';

/** A comma-separated list; blanks dropped. */
const list = z
  .string()
  .default('')
  .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean));

/** Settings come from the environment only, validated once at start-up (see .env.example). */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** When unset, an embedded PostgreSQL is started under DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('.data'),
  /** HS256 key for access tokens; required in production so replicas share it. */
  JWT_SECRET: z.string().min(32).optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 24 * 3600).default(8 * 3600),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest accepted HTTP body / WebSocket message. */
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(100 * 1024),
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
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type Config = z.infer<typeof envSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  if (parsed.data.NODE_ENV === 'production' && !parsed.data.JWT_SECRET) {
    throw new Error('Invalid environment:\n  JWT_SECRET: required when NODE_ENV=production');
  }
  return parsed.data;
}
