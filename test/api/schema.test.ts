import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { buildClientSchema, buildSchema, isObjectType, printSchema, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { PUBLIC, TENANT_ADMIN, permissionsOf } from '../../api/src/authz/access';
import { isKnownPermission } from '../../api/src/authz/catalogue';
import { buildAppSchema } from '../../api/src/schema';
import { printAppSchema, printConstraints } from '../../api/src/schema-artifacts';

const SCHEMA_DIR = path.resolve(__dirname, '../../schema');
const read = (name: string) => readFile(path.join(SCHEMA_DIR, name), 'utf8');

describe('schema artifacts', () => {
  it('schema/schema.graphql is what the code emits (run `npm run schema:emit`)', async () => {
    expect(await read('schema.graphql')).toBe(printAppSchema(await buildAppSchema()));
  });

  it('schema/constraints.json is what the input classes declare (run `npm run schema:emit`)', async () => {
    expect(await read('constraints.json')).toBe(printConstraints());
  });

  it('schema/introspection.json was generated from schema/schema.graphql (run `npm run codegen`)', async () => {
    const fromIntrospection = buildClientSchema(JSON.parse(await read('introspection.json')));
    // codegen's introspection does not carry scalars' specifiedByURL; everything else must match.
    const withoutSpecifiedBy = (sdl: string) => sdl.replace(/ @specifiedBy\(url: "[^"]*"\)/g, '');
    expect(printSchema(fromIntrospection)).toBe(withoutSpecifiedBy(printSchema(buildSchema(await read('schema.graphql')))));
  });
});

describe('permission declarations', () => {
  it('every query, mutation and subscription declares its access; the list is reviewed as a snapshot', async () => {
    const schema = await buildAppSchema();
    const declarations: Record<string, string> = {};
    for (const root of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
      for (const field of Object.values((root as GraphQLObjectType | null)?.getFields() ?? {})) {
        const access = field.extensions?.access;
        expect(typeof access, `${root!.name}.${field.name} declares no access`).toBe('string');
        declarations[`${root!.name}.${field.name}`] = access as string;
      }
    }
    // Fields of object types whose content depends on a permission (`ShownWith`) are reviewed with the operations.
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()].includes(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (typeof field.extensions?.access === 'string') declarations[`${type.name}.${field.name}`] = field.extensions.access;
      }
    }
    for (const [field, access] of Object.entries(declarations)) {
      if (access === PUBLIC || access === 'authenticated' || access === TENANT_ADMIN) continue;
      for (const permission of permissionsOf(access)) expect(isKnownPermission(permission), `${field}: ${permission}`).toBe(true);
    }
    await expect(`${JSON.stringify(declarations, null, 2)}\n`).toMatchFileSnapshot('../snapshots/permissions.json');
  });
});
