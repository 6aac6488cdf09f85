import { Transform, type TransformCallback } from 'node:stream';
import type express from 'express';
import { isDatabaseUnavailable } from '../base/db-failures';
import { databaseUnavailable, RETRY_AFTER_SECONDS } from './unavailable';
import { GraphQLError } from 'graphql';
import { checkAccess } from '../authz/access';
import type { AppServices } from '../base/context';
import { AppError, ErrorCode } from '../base/errors';
import type { HttpEndpoint } from '../common/module';
import { MODULES } from '../modules';
import { bearerToken, createContext } from './context';
import { corsFor } from './cors';
import { REFUSAL_STATUS } from './http-status';

/** HTTP statuses of endpoint errors besides refusals (401/403 as for GraphQL). */
const STATUS: Partial<Record<string, number>> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
};

/** A body stream that fails with PAYLOAD_TOO_LARGE past `max` bytes. */
function limited(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      seen += chunk.length;
      if (seen > max) return done(new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than ${Math.round(max / 1024 / 1024)} MB`));
      done(null, chunk);
    },
  });
}

/** Mounts every module's endpoints under /api: the same authentication and permission check as a resolver. */
export function mountEndpoints(app: express.Express, services: AppServices, corsOrigins: readonly string[]) {
  const endpoints: HttpEndpoint[] = MODULES.flatMap((m) => m.endpoints ?? []);
  for (const endpoint of endpoints) {
    app.post(`/api${endpoint.path}`, corsFor(corsOrigins), async (req, res) => {
      try {
        const ctx = await createContext(services, bearerToken(req.headers.authorization), req.ip ?? 'unknown');
        checkAccess(ctx, endpoint.requires);
        const query = Object.fromEntries(Object.entries(req.query).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]));
        const declared = Number(req.headers['content-length']);
        if (declared > endpoint.maxBytes)
          throw new AppError(ErrorCode.PAYLOAD_TOO_LARGE, `The file is larger than ${Math.round(endpoint.maxBytes / 1024 / 1024)} MB`);
        const body = req.pipe(limited(endpoint.maxBytes));
        req.on('error', (e) => body.destroy(e));
        const { status, data } = await endpoint.handle({ principal: ctx.principal!, services, body, query });
        res.status(status).json({ data });
      } catch (caught) {
        const e = isDatabaseUnavailable(caught) ? databaseUnavailable(caught) : caught;
        const error = e instanceof GraphQLError ? e : undefined;
        const code = typeof error?.extensions.code === 'string' ? error.extensions.code : ErrorCode.INTERNAL_SERVER_ERROR;
        if (!error) services.logger.error({ err: e, path: endpoint.path }, 'endpoint failed');
        const status = REFUSAL_STATUS[code] ?? STATUS[code] ?? 500;
        if (status === 401) res.setHeader('www-authenticate', 'Bearer');
        if (status === 503) {
          services.logger.error({ err: caught, request: true }, 'database unavailable');
          res.setHeader('retry-after', RETRY_AFTER_SECONDS);
        }
        res
          .status(status)
          .json({ errors: [{ message: error?.message ?? 'Internal server error', extensions: error ? { ...error.extensions, http: undefined } : { code } }] });
        // An unread body would hold the connection: drop it.
        if (!req.complete) req.resume();
      }
    });
  }
}
