/**
 * The model of the property-based isolation test: SPEC §1 written down directly over plain data,
 * sharing no code with the server. The world's state lives here as the test believes it to be;
 * every allowed write is applied to it by the test, and the database is compared with it.
 */

export interface MGrant {
  ou: string;
  /** Raw flags as stored: canWrite implies canRead whatever canRead says. */
  read: boolean;
  write: boolean;
}
export interface MOu {
  id: string;
  name: string;
  parent: string | null;
}
export interface MEmployee {
  id: string;
  home: string | null;
  manager: string | null;
  position: string;
  admin: boolean;
  grants: MGrant[];
  /** The permission codes of its roles, as granted, and the ids of those roles. */
  permissions: string[];
  roleIds: string[];
}
export interface MClient {
  id: string;
  grants: MGrant[];
}
export interface MCustomer {
  id: string;
  ou: string | null;
  remark: string;
  phone: string;
}
export interface MRequest {
  id: string;
  customer: string;
  title: string;
}
export interface MActivity {
  id: string;
  customer: string;
  request: string | null;
  tags: string[];
}
export interface MComment {
  id: string;
  activity: string;
  text: string;
}
export interface MContact {
  id: string;
  customer: string | null;
}
export interface MAudit {
  operation: string;
  recordType: string;
  recordId: string;
}

export type ActorKind = 'employee' | 'client' | 'admin' | 'canary';
export interface Actor {
  kind: ActorKind;
  id: string;
  /** The permission codes of its roles, as granted (the model applies the menu rule itself). */
  permissions: readonly string[];
  admin: boolean;
}

export const RESOURCES = ['OrgUnit', 'Employee', 'Customer', 'CustomerRequest', 'Activity'] as const;
export type Resource = (typeof RESOURCES)[number];

/** The view operation of each resource's page. */
export const VIEW: Record<Resource, string> = {
  OrgUnit: 'org-units:view',
  Employee: 'employees:view',
  Customer: 'customer-center:view',
  CustomerRequest: 'customer-context:view',
  Activity: 'customer-context:view',
};

/** Rows in a stable order whatever order they came in (by their JSON text). */
export function sortRows<T>(rows: T[]): T[] {
  return rows
    .map((row) => [JSON.stringify(row), row] as const)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([, row]) => row);
}
const sort = sortRows;

const byId = <T extends { id: string }>(list: T[], id: string | null | undefined): T | undefined => (id ? list.find((x) => x.id === id) : undefined);

export class WorldModel {
  ous: MOu[] = [];
  employees: MEmployee[] = [];
  clients: MClient[] = [];
  customers: MCustomer[] = [];
  requests: MRequest[] = [];
  activities: MActivity[] = [];
  comments: MComment[] = [];
  contacts: MContact[] = [];
  audit: MAudit[] = [];

  constructor(readonly isolation: boolean) {}

  ou(id: string | null): MOu | undefined {
    return byId(this.ous, id);
  }
  employee(id: string | null): MEmployee | undefined {
    return byId(this.employees, id);
  }
  customer(id: string | null): MCustomer | undefined {
    return byId(this.customers, id);
  }
  request(id: string | null): MRequest | undefined {
    return byId(this.requests, id);
  }
  activity(id: string | null): MActivity | undefined {
    return byId(this.activities, id);
  }

  /** The OU and its ancestors up to the root. */
  ancestorsOrSelf(id: string): string[] {
    const out: string[] = [];
    for (let cur: string | null = id; cur && !out.includes(cur); cur = this.ou(cur)?.parent ?? null) out.push(cur);
    return out;
  }

  inSubtree(id: string, root: string): boolean {
    return this.ancestorsOrSelf(id).includes(root);
  }

  /** Names from the root down (SPEC: e.g. "North / North-East"). */
  path(id: string): string {
    return this.ancestorsOrSelf(id)
      .reverse()
      .map((o) => this.ou(o)!.name)
      .join(' / ');
  }

  grantsOf(a: Actor): MGrant[] {
    return this.employee(a.id)?.grants ?? this.clients.find((c) => c.id === a.id)?.grants ?? [];
  }

  /** Tenant admins, and everyone when isolation is off, read and write everything. */
  unrestricted(a: Actor): boolean {
    return a.admin || !this.isolation;
  }

  /** An operation is effective only together with its menu; tenant admins hold every permission. */
  has(a: Actor, permission: string): boolean {
    if (a.admin) return true;
    return a.permissions.includes(permission) && a.permissions.includes(permission.split(':')[0]!);
  }

  /** Read scope: granted subtrees (read or write) plus Unorganized. */
  reads(a: Actor, ou: string | null): boolean {
    if (this.unrestricted(a) || ou === null) return true;
    const up = this.ancestorsOrSelf(ou);
    return this.grantsOf(a).some((g) => (g.read || g.write) && up.includes(g.ou));
  }

  /** Write scope: write-granted subtrees only (Unorganized only when unrestricted). */
  writes(a: Actor, ou: string | null): boolean {
    if (this.unrestricted(a)) return true;
    if (ou === null) return false;
    const up = this.ancestorsOrSelf(ou);
    return this.grantsOf(a).some((g) => g.write && up.includes(g.ou));
  }

  /** The actor an employee row would be if it signed in. */
  asActor(e: MEmployee): Actor {
    return { kind: e.admin ? 'admin' : 'employee', id: e.id, permissions: e.permissions, admin: e.admin };
  }

  /**
   * Nobody takes over a principal holding more than they do: changing or deleting another
   * employee needs every permission it holds and all the OU access (read and write) it has.
   * Tenant admins hold everything; one's own record is not "another" principal.
   */
  holdsAll(a: Actor, e: MEmployee): boolean {
    if (a.admin || (a.kind !== 'client' && a.id === e.id)) return true;
    if (e.admin) return false;
    const target = this.asActor(e);
    const effective = e.permissions.filter((p) => this.has(target, p));
    if (effective.some((p) => !this.has(a, p))) return false;
    if (this.writes(target, null) && !this.writes(a, null)) return false;
    return this.ous.every((o) => (!this.reads(target, o.id) || this.reads(a, o.id)) && (!this.writes(target, o.id) || this.writes(a, o.id)));
  }

  /** An OU's path as a caller sees it: the names below its nearest ancestor the caller may not read. */
  readablePath(a: Actor, id: string): string {
    const chain = this.ancestorsOrSelf(id);
    const hidden = chain.findIndex((o, i) => i > 0 && !this.reads(a, o));
    return (hidden < 0 ? chain : chain.slice(0, hidden))
      .reverse()
      .map((o) => this.ou(o)!.name)
      .join(' / ');
  }

  /** The OU that scopes a record (null = Unorganized): OUs scope themselves, requests and activities follow their customer. */
  ouOf(resource: Resource, id: string): string | null {
    switch (resource) {
      case 'OrgUnit':
        return id;
      case 'Employee':
        return this.employee(id)!.home;
      case 'Customer':
        return this.customer(id)!.ou;
      case 'CustomerRequest':
        return this.customer(this.request(id)!.customer)!.ou;
      case 'Activity':
        return this.customer(this.activity(id)!.customer)!.ou;
    }
  }

  ids(resource: Resource): string[] {
    const list: { id: string }[] = {
      OrgUnit: this.ous,
      Employee: this.employees,
      Customer: this.customers,
      CustomerRequest: this.requests,
      Activity: this.activities,
    }[resource];
    return list.map((r) => r.id);
  }

  /** Whether the principal reads this record: the page's view operation and the record's OU in its read scope. */
  sees(a: Actor, resource: Resource, id: string): boolean {
    return this.has(a, VIEW[resource]) && this.reads(a, this.ouOf(resource, id));
  }

  visible(a: Actor, resource: Resource): string[] {
    return this.ids(resource).filter((id) => this.sees(a, resource, id));
  }

  /** What the database should hold, in the shape the test reads it (sorted, versions left out). */
  projection() {
    const grants = [
      ...this.employees.flatMap((e) => e.grants.map((g) => [e.id, g.ou, g.read, g.write])),
      ...this.clients.flatMap((c) => c.grants.map((g) => [c.id, g.ou, g.read, g.write])),
    ];
    return {
      ous: sort(this.ous.map((o) => [o.id, o.name, o.parent, this.path(o.id)])),
      employees: sort(this.employees.map((e) => [e.id, e.home, e.manager, e.position])),
      grants: sort(grants),
      customers: sort(this.customers.map((c) => [c.id, c.ou, c.remark])),
      requests: sort(this.requests.map((r) => [r.id, r.customer, r.title])),
      activities: sort(this.activities.map((a) => [a.id, a.customer, a.request, a.tags.join(',')])),
      comments: sort(this.comments.map((c) => [c.id, c.activity, c.text])),
      contacts: sort(this.contacts.map((c) => [c.id, c.customer])),
      audit: sort(this.audit.map((e) => [e.operation, e.recordType, e.recordId])),
    };
  }

  // Changes, as SPEC and the schema say they cascade.

  deleteOu(id: string): void {
    this.ous = this.ous.filter((o) => o.id !== id);
    for (const holder of [...this.employees, ...this.clients]) holder.grants = holder.grants.filter((g) => g.ou !== id);
  }

  deleteEmployee(id: string): void {
    this.employees = this.employees.filter((e) => e.id !== id);
    for (const e of this.employees) if (e.manager === id) e.manager = null;
  }

  deleteCustomer(id: string): void {
    const activities = new Set(this.activities.filter((a) => a.customer === id).map((a) => a.id));
    this.customers = this.customers.filter((c) => c.id !== id);
    this.requests = this.requests.filter((r) => r.customer !== id);
    this.activities = this.activities.filter((a) => !activities.has(a.id));
    this.comments = this.comments.filter((c) => !activities.has(c.activity));
    for (const c of this.contacts) if (c.customer === id) c.customer = null;
  }

  deleteRequest(id: string): void {
    this.requests = this.requests.filter((r) => r.id !== id);
    for (const a of this.activities) if (a.request === id) a.request = null;
  }

  deleteActivity(id: string): void {
    this.activities = this.activities.filter((a) => a.id !== id);
    this.comments = this.comments.filter((c) => c.activity !== id);
  }
}
