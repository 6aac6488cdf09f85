import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { createTenantWithAdmin } from '../modules/tenant/tenant.service';
import { runCommand } from './run';

const USAGE = `usage: npm run tenant -- create --code CODE --name NAME --admin-account ACCOUNT --admin-password PASSWORD`;

/** Platform operation: creates a tenant with its DefaultOU and first tenant admin. */
runCommand(async (db) => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      'admin-account': { type: 'string' },
      'admin-password': { type: 'string' },
      'admin-name': { type: 'string' },
    },
  });
  if (positionals[0] !== 'create') {
    console.error(USAGE);
    return 2;
  }
  try {
    const { tenant, admin, defaultOu } = await createTenantWithAdmin(db.orm.em.fork(), {
      code: values.code ?? '',
      name: values.name ?? '',
      adminAccount: values['admin-account'] ?? '',
      adminPassword: values['admin-password'] ?? '',
      adminName: values['admin-name'],
    });
    console.log(`created tenant ${tenant.code} ("${tenant.name}") with ${defaultOu.name} and tenant admin ${admin.account}`);
    return 0;
  } catch (e) {
    const fields = e instanceof GraphQLError ? (e.extensions.fields as Record<string, string> | undefined) : undefined;
    if (!fields) throw e;
    for (const [field, message] of Object.entries(fields)) console.error(`error: ${flag(field)}: ${message}`);
    return 1;
  }
});

const flag = (field: string) => `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
