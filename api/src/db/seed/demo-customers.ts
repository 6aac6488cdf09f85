import type { EntityManager } from '@mikro-orm/postgresql';
import { Activity } from '../../modules/context/activity.entity';
import { Comment } from '../../modules/context/comment.entity';
import { AUTO_CLOSE_DAYS, CustomerRequest } from '../../modules/context/request.entity';
import { AddressOption } from '../../modules/customer/address-option.entity';
import { Channel, Direction } from '../../modules/customer/channel';
import { ContactRecord } from '../../modules/customer/contact-record.entity';
import { insertCustomers } from '../../modules/customer/import/batch';
import type { PreparedCustomer } from '../../modules/customer/import/rows';
import { Customer } from '../../modules/customer/customer.entity';
import { Gender } from '../../modules/identity/employee.entity';
import { Tenant } from '../../common/tenant.entity';

/** How many demo customers, and the tenant's address drop-down. */
export const DEMO_CUSTOMER_COUNT = 300;
export const DEMO_ADDRESS_OPTIONS = ['Downtown', 'Harbour District', 'Riverside', 'University Quarter'] as const;

const DAY = 86_400_000;
const MINUTE = 60_000;

/** mulberry32: a small seeded PRNG, so every fresh install gets the same demo data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const chance = (p: number) => next() < p;
  /** Picks by weight: [[value, weight], ...]. */
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let r = next() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [value, w] of items) if ((r -= w) < 0) return value;
    return items[items.length - 1]![0];
  };
  return { next, int, pick, chance, weighted };
}

const FIRST_NAMES: readonly (readonly [string, Gender])[] = [
  ['Olivia', Gender.FEMALE],
  ['Liam', Gender.MALE],
  ['Emma', Gender.FEMALE],
  ['Noah', Gender.MALE],
  ['Amelia', Gender.FEMALE],
  ['Oliver', Gender.MALE],
  ['Sophia', Gender.FEMALE],
  ['Elijah', Gender.MALE],
  ['Mia', Gender.FEMALE],
  ['Lucas', Gender.MALE],
  ['Isabella', Gender.FEMALE],
  ['Mateo', Gender.MALE],
  ['Charlotte', Gender.FEMALE],
  ['Leon', Gender.MALE],
  ['Hannah', Gender.FEMALE],
  ['Jonas', Gender.MALE],
  ['Yuki', Gender.FEMALE],
  ['Haruto', Gender.MALE],
  ['Mei', Gender.FEMALE],
  ['Wei', Gender.MALE],
  ['Priya', Gender.FEMALE],
  ['Arjun', Gender.MALE],
  ['Fatima', Gender.FEMALE],
  ['Omar', Gender.MALE],
  ['Sofia', Gender.FEMALE],
  ['Diego', Gender.MALE],
  ['Chloé', Gender.FEMALE],
  ['Julien', Gender.MALE],
  ['Ingrid', Gender.FEMALE],
  ['Lars', Gender.MALE],
  ['Aisha', Gender.FEMALE],
  ['Kwame', Gender.MALE],
  ['Elena', Gender.FEMALE],
  ['Marco', Gender.MALE],
  ['Zoë', Gender.FEMALE],
  ['Sam', Gender.UNKNOWN],
  ['Alex', Gender.UNKNOWN],
  ['Robin', Gender.UNKNOWN],
];

const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Garcia',
  'Miller',
  'Davis',
  'Martinez',
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Dubois',
  'Lefèvre',
  'Rossi',
  'Bianchi',
  'Tanaka',
  'Suzuki',
  'Sato',
  'Wang',
  'Li',
  'Zhang',
  'Chen',
  'Patel',
  'Sharma',
  'Khan',
  'Haddad',
  'Okafor',
  'Mensah',
  'Nielsen',
  'Johansson',
  'Kowalski',
  'Novak',
  'Silva',
  'Santos',
  "O'Brien",
  'Murphy',
  'Andersson',
  'Kim',
  'Nguyen',
];

const COMPANIES = [
  'Acme Logistics',
  'Globex Corporation',
  'Initech',
  'Umbrella Retail',
  'Stark Components',
  'Wayne Foods',
  'Hooli',
  'Vandelay Imports',
  'Soylent Ltd',
  'Cyberdyne Systems',
  'Tyrell Trading',
  'Wonka Confectionery',
  'Oceanic Airlines',
  'Nakatomi Trading',
  'Blue Harbor Bank',
  'Northwind Traders',
  'Contoso Health',
  'Fabrikam Studios',
];

const STREETS = ['Harbour Road', 'Mill Lane', 'King Street', 'Station Road', 'Elm Avenue', 'Canal Street', 'Park View', 'Church Lane'];
const REMARKS = [
  'VIP customer',
  'Prefers e-mail',
  'Call after 5 pm',
  'Speaks German and English',
  'Key account',
  'Hard of hearing: speak clearly',
  'Do not call on weekends',
];

const QUEUES = ['General', 'Sales', 'Billing', 'Technical Support'];
const AGENTS = ['demo.north', 'agent.anna', 'agent.ben', 'agent.chen', 'agent.dana'];
const HOTLINE = '+1 800 555 0100';
const SUPPORT_MAIL = 'support@demo-contact-center.example';

const REQUEST_TITLES = [
  'Question about the last invoice',
  'Router keeps disconnecting',
  'Change of address',
  'Upgrade to the premium plan',
  'Refund for a double charge',
  'Delivery is late',
  'Cannot sign in to the portal',
  'Cancel the subscription',
  'Damaged item received',
  'Request for a callback',
  'Update payment details',
  'Complaint about waiting time',
];
const TAGS = ['billing', 'complaint', 'vip', 'follow-up', 'technical', 'sales', 'refund', 'delivery', 'account'];
const COMMENTS = [
  'Called back, no answer; will try again tomorrow.',
  'Customer confirmed the fix works.',
  'Escalated to second-level support.',
  'Sent the corrected invoice by e-mail.',
  'Waiting for the courier to confirm.',
  'Customer asked to be contacted by WhatsApp.',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const asciiFold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** A phone in one of several formats people enter: national, international with +, with 00, local. */
function demoPhone(r: ReturnType<typeof prng>, serial: number): string {
  const n4 = pad(serial % 10_000, 4);
  return r.weighted<string>([
    [`+1 415-555-${n4}`, 3],
    [`(212) 555-${n4}`, 2],
    [`+44 20 7946 ${n4}`, 2],
    [`020 7946 ${n4}`, 1],
    [`+49 30 5550${n4}`, 2],
    [`0049 89 5550${n4}`, 1],
    [`+81 3-5555-${n4}`, 1],
    [`+33 1 55 50 ${n4.slice(0, 2)} ${n4.slice(2)}`, 1],
    [`555-${n4}`, 1],
  ]);
}

interface DemoOus {
  [path: string]: string;
}

/**
 * Demo customers with some history (SPEC §3, §4): a few hundred customers spread over the demo
 * OUs and Unorganized, their contact records of the last 60 days, requests (open, auto-closed
 * after AUTO_CLOSE_DAYS and closed by hand) with activities and comments. Deterministic.
 */
export async function seedDemoCustomers(
  em: EntityManager,
  tenantId: string,
  ous: DemoOus,
  now = Date.now(),
): Promise<{ customers: number; activities: number }> {
  const r = prng(20261121);
  return em.transactional(async (tx) => {
    const tenant = tx.getReference(Tenant, tenantId);
    for (const value of DEMO_ADDRESS_OPTIONS) tx.create(AddressOption, { tenant, value });
    await tx.flush();

    const ouChoices: (readonly [string | null, number])[] = [
      [ous.North ?? null, 15],
      [ous['North / North-East'] ?? null, 15],
      [ous['North / North-West'] ?? null, 15],
      [ous.South ?? null, 20],
      [ous.DefaultOU ?? null, 15],
      [null, 20],
    ];
    const rows: Omit<PreparedCustomer, 'line'>[] = [];
    for (let i = 0; i < DEMO_CUSTOMER_COUNT; i++) {
      const [first, gender] = r.pick(FIRST_NAMES);
      const last = r.pick(LAST_NAMES);
      const company = r.chance(0.6) ? r.pick(COMPANIES) : '';
      const phones = Array.from(
        {
          length: r.weighted([
            [0, 1],
            [1, 12],
            [2, 5],
            [3, 1],
          ]),
        },
        (_, k) => demoPhone(r, i * 4 + k),
      );
      const domain = company && r.chance(0.5) ? `${asciiFold(company.split(' ')[0]!)}.example` : r.pick(['example.com', 'example.org', 'mail.example.net']);
      const local = `${asciiFold(first)}.${asciiFold(last)}${r.chance(0.3) ? r.int(1, 99) : ''}`;
      const emails = phones.length === 0 || r.chance(0.7) ? [r.chance(0.2) ? `${first[0]}${local.slice(1)}@${domain}` : `${local}@${domain}`] : [];
      if (emails.length && r.chance(0.1)) emails.push(`${asciiFold(first)}${i}@example.net`);
      rows.push({
        ouId: r.weighted(ouChoices),
        name: `${first} ${last}`,
        gender,
        phones,
        emails,
        company,
        address: r.chance(0.7) ? r.pick(DEMO_ADDRESS_OPTIONS) : '',
        addressDetail: r.chance(0.5) ? `${r.int(1, 250)} ${r.pick(STREETS)}` : '',
        remark: r.chance(0.15) ? r.pick(REMARKS) : '',
      });
    }
    const ids = await insertCustomers(tx, tenantId, rows);

    let activities = 0;
    rows.forEach((row, i) => {
      const customer = tx.getReference(Customer, ids[i]!);
      // Contact records: 0 to 8 over the last 60 days.
      const contacts = r.weighted([
        [0, 2],
        [1, 3],
        [2, 3],
        [3, 3],
        [4, 2],
        [5, 2],
        [6, 1],
        [7, 1],
        [8, 1],
      ]);
      for (let k = 0; k < contacts; k++) {
        const channel = r.weighted<Channel>([
          [Channel.VOICE, 8],
          [Channel.WEB, 3],
          [Channel.WHATSAPP, 3],
          [Channel.EMAIL, 3],
          [Channel.SMS, 1],
          [Channel.VIDEO, 1],
          [Channel.WECHAT, 1],
          [Channel.LINE, 1],
        ]);
        const direction = r.chance(0.8) ? Direction.INBOUND : Direction.OUTBOUND;
        const phone = row.phones[0] ?? '+1 415-555-0000';
        const email = row.emails[0] ?? `${asciiFold(row.name)}@example.com`;
        const [theirs, ours, userId] =
          channel === Channel.EMAIL
            ? [email, SUPPORT_MAIL, '']
            : channel === Channel.WEB
              ? [`web-${pad(r.int(0, 99_999), 5)}`, 'webchat', `session-${r.int(1e5, 1e6)}`]
              : [phone, HOTLINE, channel === Channel.VOICE || channel === Channel.VIDEO ? '' : `${channel.toLowerCase()}:${phone.replace(/\D/g, '')}`];
        const startedAt = new Date(now - r.int(10 * MINUTE, 60 * DAY));
        tx.create(ContactRecord, {
          tenant,
          customer,
          caller: direction === Direction.INBOUND ? theirs : ours,
          called: direction === Direction.INBOUND ? ours : theirs,
          channel,
          direction,
          userId,
          skillQueue: r.pick(QUEUES),
          agent: r.pick(AGENTS),
          startedAt,
          endedAt: new Date(startedAt.getTime() + r.int(1, 25) * MINUTE),
        });
      }
      // Requests: some open (active in the last AUTO_CLOSE_DAYS), some auto-closed, a few closed by hand.
      const requests = r.weighted([
        [0, 13],
        [1, 5],
        [2, 2],
      ]);
      for (let k = 0; k < requests; k++) {
        const last = r.chance(0.45) ? now - r.int(10 * MINUTE, (AUTO_CLOSE_DAYS - 1) * DAY) : now - r.int((AUTO_CLOSE_DAYS + 1) * DAY, 50 * DAY);
        const steps = r.int(1, 3);
        const times = Array.from({ length: steps }, (_, s) => new Date(last - (steps - 1 - s) * r.int(2 * 60, 36 * 60) * MINUTE));
        const request = tx.create(CustomerRequest, {
          tenant,
          customer,
          title: r.pick(REQUEST_TITLES),
          description: r.chance(0.5) ? 'Reported by the customer on the hotline.' : '',
          closedAt: r.chance(0.1) ? new Date(last) : null,
          lastActivityAt: new Date(last),
          createdAt: times[0]!,
          updatedAt: new Date(last),
        });
        for (const at of times) addActivity(customer, request, at);
      }
      // A few activities outside any request.
      if (r.chance(0.15)) addActivity(customer, null, new Date(now - r.int(1, 40) * DAY));
    });

    function addActivity(customer: Customer, request: CustomerRequest | null, at: Date) {
      activities++;
      const tags = [...new Set(Array.from({ length: r.int(0, 3) }, () => r.pick(TAGS)))];
      const activity = tx.create(Activity, {
        tenant: tx.getReference(Tenant, tenantId),
        customer,
        request,
        mediaType: r.weighted<Channel>([
          [Channel.VOICE, 5],
          [Channel.EMAIL, 2],
          [Channel.WHATSAPP, 2],
          [Channel.WEB, 1],
        ]),
        tags,
        fields: {},
        createdAt: at,
        updatedAt: at,
      });
      if (r.chance(0.2)) {
        const count = r.int(1, 2);
        for (let c = 0; c < count; c++) {
          tx.create(Comment, {
            tenant: tx.getReference(Tenant, tenantId),
            activity,
            text: r.pick(COMMENTS),
            author: r.pick(['demo.admin', 'demo.north']),
            at: new Date(Math.min(now, at.getTime() + (c + 1) * r.int(5, 240) * MINUTE)),
          });
        }
      }
    }

    await tx.flush();
    return { customers: rows.length, activities };
  });
}
