import type { Readable } from 'node:stream';
import type { Principal } from '../authz/principal';
import type { AppServices } from '../base/context';

/**
 * What a domain module contributes to the product: its entities (for the ORM), its resolvers
 * (for the schema) and, for what GraphQL does not carry (a file upload), its HTTP endpoints.
 * Each module folder declares one; api/src/modules/index.ts lists the modules, and nothing else
 * names their parts.
 */
export interface ModuleManifest {
  name: string;
  entities: readonly Function[];
  resolvers: readonly Function[];
  endpoints?: readonly HttpEndpoint[];
}

/**
 * A POST endpoint under /api taking a raw body (a CSV file...). The server authenticates the
 * bearer token and checks `requires` exactly as for a resolver's @Requires, and answers errors
 * (AppError) in the GraphQL error shape with the matching HTTP status.
 */
export interface HttpEndpoint {
  path: string;
  /** The permission the caller must hold. */
  requires: string;
  /** Largest body accepted, in bytes (413 PAYLOAD_TOO_LARGE beyond). */
  maxBytes: number;
  handle(request: EndpointRequest): Promise<{ status: number; data: unknown }>;
}

export interface EndpointRequest {
  principal: Principal;
  services: AppServices;
  body: Readable;
  query: Readonly<Record<string, string | undefined>>;
}
