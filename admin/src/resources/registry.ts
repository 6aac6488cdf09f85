import type { ComponentType } from 'react';
import type { SortPayload } from 'react-admin';
import AccountTreeIcon from '@mui/icons-material/AccountTree';
import TuneIcon from '@mui/icons-material/Tune';

/**
 * One entry per resource of the ra-data-graphql-simple grammar. Everything else (list columns,
 * search, forms, inputs, validation, references) is derived from schema/introspection.json
 * and schema/constraints.json by the generator: a new resource is one entry here.
 */
export interface ResourceEntry {
  /** GraphQL type name, e.g. "OrgUnit" (queries allOrgUnits, OrgUnit, createOrgUnit, ...). */
  name: string;
  /** Permission menu code, e.g. "org-units" (operations `:view :create :edit :delete`). */
  menu: string;
  /** Plural label for the menu and list title. */
  label: string;
  /** Singular label for page titles; defaults to the label. */
  singular?: string;
  icon?: ComponentType;
  /** Field naming a record (references, autocomplete, titles); defaults to path/name/code. */
  representation?: string;
  /** Default list order; must be a field the server sorts by. */
  sort?: SortPayload;
  /** Fields the server can sort by; other columns are not sortable. Default: all leaf columns. */
  sortable?: string[];
  /** Fields left out of the list (id, version and createdAt are always left out). */
  hideInList?: string[];
  /** Label overrides by field or argument name. */
  labels?: Record<string, string>;
}

export const RESOURCES: ResourceEntry[] = [
  {
    name: 'OrgUnit',
    menu: 'org-units',
    label: 'Organization units',
    singular: 'Organization unit',
    icon: AccountTreeIcon,
    representation: 'path',
    sort: { field: 'path', order: 'ASC' },
    sortable: ['name', 'path', 'createdAt', 'updatedAt'],
    labels: { parentId: 'Parent OU' },
  },
];

const byName = new Map(RESOURCES.map((r) => [r.name, r]));
export const findResource = (name: string): ResourceEntry | undefined => byName.get(name);

/**
 * A record the caller has exactly one of (no list, no id in the route): a query reads it, a
 * mutation edits it. Served by the data provider as a pseudo-resource (getOne / update).
 */
export interface SingletonEntry {
  /** Pseudo-resource name used with react-admin (getOne / update / canAccess). */
  name: string;
  menu: string;
  label: string;
  path: string;
  query: string;
  mutation: string;
  icon?: ComponentType;
}

export const SINGLETONS: SingletonEntry[] = [
  {
    name: 'MyTenant',
    menu: 'tenant-params',
    label: 'Tenant parameters',
    path: '/my-tenant',
    query: 'myTenant',
    mutation: 'updateMyTenant',
    icon: TuneIcon,
  },
];

export const findSingleton = (name: string): SingletonEntry | undefined => SINGLETONS.find((s) => s.name === name);

/** Permission menu of a resource, a singleton or a menu code given as is. */
export const menuOf = (resource: string): string => findResource(resource)?.menu ?? findSingleton(resource)?.menu ?? resource;
