/**
 * The model of the escalation property (issue 7): what a principal holds, who may change which
 * employee or API client and what such a change gives, which changes kill tokens, and who reads
 * which audit entry. Written from SPEC §1–§2 and the rules over plain data; it shares no
 * code with the server. The world's state lives here as the test believes it to be: every
 * allowed change is applied to it, and the database is compared with it after every step.
 *
 * The rules, as modelled:
 * - Holdings = effective permissions (the permissions of the principal's roles; an operation
 *   `menu:op` counts only together with its menu `menu`) + OU scope (a grant covers the OU's whole
 *   subtree; canWrite implies canRead; the home OU gives nothing; a tenant admin, and everyone
 *   when the tenant's isolation is off, reads and writes everything; Unorganized is read by
 *   all and written only by the unrestricted). A tenant admin holds every permission.
 * - Changing or deleting another employee / API client needs the page operation
 *   (`employees:edit|delete`, `api-clients:edit|delete`), a target in the actor's read scope
 *   (NOT_FOUND otherwise: employees by their home OU; clients have no OU), write on an employee's
 *   home OU (FORBIDDEN), and that the actor holds everything the target holds (FORBIDDEN with
 *   reason TARGET_HOLDS_MORE; only a tenant admin changes a tenant admin). Only then the change
 *   itself is checked.
 * - Giving: a non-admin assigns only roles whose permissions it holds, grants only OUs it may
 *   write (a grant the target already has, kept or lowered, is not given anew) on OUs it may
 *   read, and only tenant admins make (or unmake) tenant admins. A replacement of a list the
 *   actor sees only in part keeps the part it cannot see: grants on OUs it cannot read, and all
 *   current roles when it may not read roles (`roles:view`). What the target holds afterwards
 *   counts, not only what was named: nothing beyond the actor's holdings (BAD_USER_INPUT).
 * - A password reset, secret rotation, revoke, or a change of `enabled` kills the target's earlier
 *   tokens. A deleted principal has no tokens.
 * - Every change that changes something writes one audit entry (recordType Employee with the
 *   employee's home OU, or ApiClient with no OU); a change that changes nothing writes none.
 * - An audit entry is readable only with `audit:view`, the view operation of its record's page,
 *   and read on the entry's OU (null = Unorganized), by a principal that may use the API (not
 *   disabled, revoked, or waiting to change its initial password).
 */

export type Kind = 'employee' | 'client';

/** A stored grant, normalised: canRead is implied. */
export interface MGrant {
  ou: string;
  write: boolean;
}
/** A grant as an API caller sends it. */
export interface GrantInput {
  ou: string;
  read: boolean;
  write: boolean;
}
export interface MOu {
  id: string;
  parent: string | null;
}
export interface MRole {
  id: string;
  /** As stored in the role: operations without their menu are kept here and simply not effective. */
  permissions: readonly string[];
}
export interface MHolder {
  kind: Kind;
  id: string;
  /** Employees only; an API client has no OU. */
  home: string | null;
  admin: boolean;
  roles: string[];
  grants: MGrant[];
  enabled: boolean;
  revoked: boolean;
  mustChange: boolean;
  exists: boolean;
  /** Whether the tokens issued when the world was built still work (nothing killed them since). */
  tokenAlive: boolean;
  /** Position (employee) or description (client): a field any change may touch. */
  note: string;
}
export interface MAudit {
  id: string;
  recordType: string;
  recordId: string;
  ou: string | null;
}

export interface Holdings {
  admin: boolean;
  /** Effective permissions (empty for an admin: it holds them all). */
  permissions: ReadonlySet<string>;
  /** Reads and writes every OU and Unorganized. */
  all: boolean;
  read: ReadonlySet<string>;
  write: ReadonlySet<string>;
}

export type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'TARGET_HOLDS_MORE' | 'NOT_FOUND' | 'BAD_USER_INPUT';

export type Change =
  | { op: 'reset-password'; target: string }
  | { op: 'set-enabled'; kind: Kind; target: string; enabled: boolean }
  | { op: 'set-roles'; kind: Kind; target: string; roles: string[] }
  | { op: 'set-grants'; kind: Kind; target: string; grants: GrantInput[] }
  | { op: 'touch'; kind: Kind; target: string; note: string }
  | { op: 'set-admin'; target: string; admin: boolean }
  | { op: 'rotate'; target: string }
  | { op: 'revoke'; target: string }
  | { op: 'delete'; kind: Kind; target: string }
  | { op: 'create'; kind: Kind; home: string | null; roles: string[]; grants: GrantInput[]; admin: boolean };

/** What an allowed change did, as far as the test must check it. */
export interface Effect {
  /** The audit entry it must have written (without its id), or null when nothing changed. */
  audit: Omit<MAudit, 'id'> | null;
  /** Whether the target's stored credential (password or secret hash) changed. */
  credentialChanged: boolean;
  /** The principal changed or created. */
  target: string;
}

export interface Plan {
  /** The acceptable outcomes: one, or several when independent refusal reasons apply at once. */
  outcomes: Outcome[];
  why: string;
  /** Applies an allowed change to the model (the id of a created principal as argument). */
  commit?: (createdId?: string) => Effect;
}

/** The view operation of the page each audited record type belongs to. */
export const VIEW_OF: Record<string, string> = {
  Employee: 'employees:view',
  ApiClient: 'api-clients:view',
  Role: 'roles:view',
  OrgUnit: 'org-units:view',
  Tenant: 'tenant-params:view',
  Customer: 'customer-center:view',
  ContactRecord: 'customer-center:view',
  CustomerContext: 'customer-context:view',
  Comment: 'customer-context:view',
};

const NOBODY: ReadonlySet<string> = new Set();

export class EscalationModel {
  ous: MOu[] = [];
  roles: MRole[] = [];
  holders: MHolder[] = [];
  audit: MAudit[] = [];

  constructor(readonly isolation: boolean) {}

  holder(id: string, kind?: Kind): MHolder | undefined {
    return this.holders.find((h) => h.id === id && (!kind || h.kind === kind));
  }

  role(id: string): MRole {
    const r = this.roles.find((x) => x.id === id);
    if (!r) throw new Error(`model: no role ${id}`);
    return r;
  }

  /** The OU and everything below it. */
  subtree(root: string): string[] {
    const out = [root];
    for (let i = 0; i < out.length; i++) for (const ou of this.ous) if (ou.parent === out[i]) out.push(ou.id);
    return out;
  }

  /** An operation is effective only with its menu. */
  static effective(granted: Iterable<string>): Set<string> {
    const set = new Set(granted);
    return new Set([...set].filter((p) => !p.includes(':') || set.has(p.split(':')[0]!)));
  }

  holdings(h: Pick<MHolder, 'admin' | 'roles' | 'grants'>): Holdings {
    const permissions = h.admin ? NOBODY : EscalationModel.effective(h.roles.flatMap((r) => this.role(r).permissions));
    if (h.admin || !this.isolation) return { admin: h.admin, permissions, all: true, read: NOBODY, write: NOBODY };
    const read = new Set<string>();
    const write = new Set<string>();
    for (const g of h.grants) {
      for (const ou of this.subtree(g.ou)) {
        read.add(ou);
        if (g.write) write.add(ou);
      }
    }
    return { admin: false, permissions, all: false, read, write };
  }

  static has(h: Holdings, permission: string): boolean {
    return h.admin || h.permissions.has(permission);
  }

  /** Whether the holdings read (write) a record of OU `ou` (null = Unorganized). */
  static covers(h: Holdings, mode: 'read' | 'write', ou: string | null): boolean {
    if (h.all) return true;
    if (ou === null) return mode === 'read';
    return (mode === 'read' ? h.read : h.write).has(ou);
  }

  /** What `target` holds that `actor` does not (empty: the actor holds everything the target holds). */
  static shortfall(actor: Holdings, target: Holdings): string[] {
    if (actor.admin) return [];
    if (target.admin) return ['tenant admin'];
    const out = [...target.permissions].filter((p) => !actor.permissions.has(p)).map((p) => `permission ${p}`);
    if (target.all) {
      if (!actor.all) out.push('every OU');
      return out;
    }
    for (const ou of target.read) if (!EscalationModel.covers(actor, 'read', ou)) out.push(`read ${ou}`);
    for (const ou of target.write) if (!EscalationModel.covers(actor, 'write', ou)) out.push(`write ${ou}`);
    return out;
  }

  /** Whether the principal can make requests at all with a current token. */
  static usable(h: MHolder): boolean {
    return h.exists && h.enabled && !h.revoked;
  }

  /** Whether the principal reads the audit entry (and may use the audit page at all: `page`). */
  auditPage(h: MHolder): boolean {
    return EscalationModel.usable(h) && !h.mustChange && EscalationModel.has(this.holdings(h), 'audit:view');
  }

  readsAudit(h: MHolder, e: Pick<MAudit, 'recordType' | 'ou'>): boolean {
    if (!this.auditPage(h)) return false;
    const view = VIEW_OF[e.recordType];
    const held = this.holdings(h);
    return !!view && EscalationModel.has(held, view) && EscalationModel.covers(held, 'read', e.ou);
  }

  /** The roles a non-admin may give: those whose every permission it holds. Returns the offending role ids. */
  private undelegable(actor: Holdings, roles: string[]): string[] {
    if (actor.admin) return [];
    return roles.filter((r) => this.role(r).permissions.some((p) => !actor.permissions.has(p)));
  }

  /** Checks a grant list against what the actor may give; returns the stored result or a reason to refuse. */
  private grantsFor(actor: Holdings, input: GrantInput[], current: MGrant[]): { grants: MGrant[] } | { refuse: string } {
    const given: MGrant[] = [];
    const seen = new Set<string>();
    for (const g of input) {
      if (seen.has(g.ou)) return { refuse: `OU ${g.ou} granted twice` };
      seen.add(g.ou);
      if (!g.read && !g.write) continue;
      given.push({ ou: g.ou, write: g.write });
    }
    const unreadable = given.find((g) => !EscalationModel.covers(actor, 'read', g.ou));
    if (unreadable) return { refuse: `grant on OU ${unreadable.ou} the actor cannot read` };
    const anew = (g: MGrant) => {
      const held = current.find((c) => c.ou === g.ou);
      return !held || (g.write && !held.write);
    };
    const beyond = given.find((g) => anew(g) && !EscalationModel.covers(actor, 'write', g.ou));
    if (beyond) return { refuse: `gives ${beyond.write ? 'write' : 'read'} on OU ${beyond.ou} the actor cannot write` };
    const unseen = current.filter((g) => !EscalationModel.covers(actor, 'read', g.ou));
    return { grants: sortGrants([...given, ...unseen]) };
  }

  /** What the server must answer to `change` by `actorId`, and how it changes the world. */
  plan(actorId: string, change: Change): Plan {
    const actor = this.holder(actorId);
    if (!actor?.tokenAlive || !EscalationModel.usable(actor)) return refuse('UNAUTHENTICATED', 'the actor lost its own sign-in');
    const a = this.holdings(actor);
    const kind: Kind = 'kind' in change ? change.kind : change.op === 'rotate' || change.op === 'revoke' ? 'client' : 'employee';
    const page = kind === 'employee' ? 'employees' : 'api-clients';
    const operation = `${page}:${change.op === 'create' ? 'create' : change.op === 'delete' ? 'delete' : 'edit'}`;
    if (!EscalationModel.has(a, operation)) return refuse('FORBIDDEN', `actor lacks ${operation}`);
    if (change.op === 'create') return this.planCreate(actor, a, change);

    const target = this.holder(change.target, kind);
    if (!target?.exists) return refuse('NOT_FOUND', 'no such target');
    if (kind === 'employee' && !EscalationModel.covers(a, 'read', target.home)) return refuse('NOT_FOUND', 'target outside the read scope');
    if (kind === 'employee' && !EscalationModel.covers(a, 'write', target.home)) return refuse('FORBIDDEN', "no write on the target's home OU");
    const self = target.id === actor.id;
    if (!self) {
      const lacking = EscalationModel.shortfall(a, this.holdings(target));
      if (lacking.length) return refuse('TARGET_HOLDS_MORE', `target holds ${lacking.join(', ')}`);
    }
    const recordType = kind === 'employee' ? 'Employee' : 'ApiClient';
    const done = (changed: boolean, credentialChanged = false): Effect => ({
      audit: changed ? { recordType, recordId: target.id, ou: target.home } : null,
      credentialChanged,
      target: target.id,
    });

    switch (change.op) {
      case 'reset-password':
        return allow('password reset', () => {
          target.mustChange = true;
          target.tokenAlive = false;
          return done(true, true);
        });
      case 'set-enabled':
        if (self && !change.enabled && kind === 'employee') return refuse('BAD_USER_INPUT', 'one cannot disable oneself');
        if (change.enabled && target.revoked) return refuse('BAD_USER_INPUT', 'a revoked client cannot be enabled');
        return allow('enabled set', () => {
          const changed = target.enabled !== change.enabled;
          target.enabled = change.enabled;
          if (changed) target.tokenAlive = false;
          return done(changed);
        });
      case 'set-admin':
        if (change.admin === target.admin) return allow('admin flag unchanged', () => done(false));
        if (!a.admin) return refuse('FORBIDDEN', 'only tenant admins make tenant admins');
        if (self) return refuse('BAD_USER_INPUT', 'one cannot unmake oneself');
        return allow('admin flag changed', () => {
          target.admin = change.admin;
          return done(true);
        });
      case 'set-roles': {
        const bad = this.undelegable(a, change.roles);
        if (bad.length) return refuse('BAD_USER_INPUT', `roles ${bad.join(', ')} hold permissions the actor lacks`);
        const kept = EscalationModel.has(a, 'roles:view') ? [] : target.roles.filter((r) => !change.roles.includes(r));
        const next = [...new Set([...change.roles, ...kept])].sort();
        // The result counts, not only the roles named: kept and given roles may combine (an operation and its menu).
        const gained = EscalationModel.shortfall(a, this.holdings({ ...target, roles: next }));
        if (gained.length) return refuse('BAD_USER_INPUT', `with the kept roles the target would hold ${gained.join(', ')}`);
        return allow(kept.length ? 'roles added to the unseen ones' : 'roles replaced', () => {
          const changed = JSON.stringify(next) !== JSON.stringify([...target.roles].sort());
          target.roles = next;
          return done(changed);
        });
      }
      case 'set-grants': {
        const result = this.grantsFor(a, change.grants, target.grants);
        if ('refuse' in result) return refuse('BAD_USER_INPUT', result.refuse);
        return allow('grants replaced', () => {
          const changed = JSON.stringify(result.grants) !== JSON.stringify(sortGrants(target.grants));
          target.grants = result.grants;
          return done(changed);
        });
      }
      case 'touch':
        return allow('note changed', () => {
          const changed = target.note !== change.note;
          target.note = change.note;
          return done(changed);
        });
      case 'rotate':
        if (target.revoked) return refuse('BAD_USER_INPUT', 'a revoked client gets no new secret');
        return allow('secret rotated', () => {
          target.tokenAlive = false;
          return done(true, true);
        });
      case 'revoke':
        return allow('revoked', () => {
          const changed = !target.revoked || target.enabled;
          target.revoked = true;
          target.enabled = false;
          if (changed) target.tokenAlive = false;
          return done(changed);
        });
      case 'delete':
        if (self && kind === 'employee') return refuse('BAD_USER_INPUT', 'one cannot delete oneself');
        return allow('deleted', () => {
          target.exists = false;
          target.tokenAlive = false;
          return done(true);
        });
    }
  }

  private planCreate(actor: MHolder, a: Holdings, change: Extract<Change, { op: 'create' }>): Plan {
    const reasons: [Outcome, string][] = [];
    const employee = change.kind === 'employee';
    if (employee && change.admin && !a.admin) reasons.push(['FORBIDDEN', 'only tenant admins make tenant admins']);
    if (employee && !EscalationModel.covers(a, 'read', change.home)) reasons.push(['BAD_USER_INPUT', 'home OU not readable']);
    const bad = this.undelegable(a, change.roles);
    if (bad.length) reasons.push(['BAD_USER_INPUT', `roles ${bad.join(', ')} hold permissions the actor lacks`]);
    const result = this.grantsFor(a, change.grants, []);
    if ('refuse' in result) reasons.push(['BAD_USER_INPUT', result.refuse]);
    if (employee && !EscalationModel.covers(a, 'write', change.home)) reasons.push(['FORBIDDEN', 'no write on the home OU']);
    if (reasons.length) return { outcomes: [...new Set(reasons.map(([o]) => o))], why: reasons.map(([, w]) => w).join('; ') };
    const grants = 'grants' in result ? result.grants : [];
    return allow(`created by ${actor.id}`, (id) => {
      if (!id) throw new Error('model: a created principal needs its id');
      this.holders.push({
        kind: change.kind,
        id,
        home: employee ? change.home : null,
        admin: employee && change.admin,
        roles: [...new Set(change.roles)].sort(),
        grants,
        enabled: true,
        revoked: false,
        // An admin-made password is replaced at first sign-in; a client secret is simply used.
        mustChange: employee,
        exists: true,
        tokenAlive: true,
        note: '',
      });
      return {
        audit: { recordType: employee ? 'Employee' : 'ApiClient', recordId: id, ou: employee ? change.home : null },
        credentialChanged: true,
        target: id,
      };
    });
  }
}

export function sortGrants(grants: readonly MGrant[]): MGrant[] {
  return [...grants].sort((x, y) => (x.ou < y.ou ? -1 : x.ou > y.ou ? 1 : 0));
}

function refuse(outcome: Outcome, why: string): Plan {
  return { outcomes: [outcome], why };
}

function allow(why: string, commit: (createdId?: string) => Effect): Plan {
  return { outcomes: ['OK'], why, commit };
}
