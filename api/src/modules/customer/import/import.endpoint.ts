import { isUuid } from '../../../common/ids';
import { permissionFor } from '../../../authz/ability';
import { badInput } from '../../../base/errors';
import type { HttpEndpoint } from '../../../common/module';
import { startCustomerImport } from './console-import';
import { ImportError } from './rows';

/** Largest customer file the console uploads (the CLI takes files of any size). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

/**
 * `POST /api/imports/customers?ou=<OU id>&name=<file name>` with the CSV file as the body
 * (the CLI's columns): starts a background import for the caller and answers 202 with its id;
 * `customerImport(id)` follows it. Without `ou`, rows without an ou cell go to Unorganized.
 */
export const customerImportEndpoint: HttpEndpoint = {
  path: '/imports/customers',
  requires: permissionFor('Customer', 'create'),
  maxBytes: MAX_UPLOAD_BYTES,
  async handle({ principal, services, body, query }) {
    const ou = query.ou?.trim() || null;
    if (ou !== null && !isUuid(ou)) throw badInput({ ou: 'OU not found' });
    const fileName = query.name?.trim() || 'customers.csv';
    try {
      const job = await startCustomerImport(services, principal, { body, fileName, defaultOuId: ou });
      return { status: 202, data: { id: job.id } };
    } catch (e) {
      if (e instanceof ImportError) throw badInput({ [e.field ?? 'file']: e.message });
      throw e;
    }
  },
};
