import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { RowScope } from '../../../common/row-scope';
import { Tenant } from '../../../common/tenant.entity';
import { RefersTo } from '../../../common/validation';

export enum CustomerImportState {
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

registerEnumType(CustomerImportState, {
  name: 'CustomerImportState',
  description: 'Where a console import stands',
  valuesConfig: {
    RUNNING: { description: 'Rows are being read and written' },
    DONE: { description: 'Every row was read: see imported, duplicates and rejected' },
    FAILED: { description: 'Stopped before the end (see error); the rows imported so far stay, and re-running the file skips them' },
  },
});

/**
 * A customer file uploaded in the console and imported in the background by the CLI's code
 * (customer/import/file.ts): its progress and outcome, read by the principal who started it.
 */
@ObjectType({ description: 'A customer file imported from the console: its progress, then its report' })
@Entity({ tableName: 'customer_import' })
@Index({ properties: ['tenant', 'startedById', 'startedAt'] })
@RowScope({ ownerField: 'startedById' })
export class CustomerImport {
  [OptionalProps]?: 'state' | 'bytesRead' | 'rows' | 'imported' | 'duplicates' | 'rejected' | 'error' | 'startedAt' | 'updatedAt' | 'finishedAt';

  @Field(() => ID, { description: 'Import id (a UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  /** The employee or API client that uploaded it: the only one who reads it. */
  @Property({ type: 'uuid' })
  startedById!: string;

  @Field({ description: 'The file name as uploaded' })
  @Property({ length: 255 })
  fileName!: string;

  @Field(() => ID, { nullable: true, description: 'The OU of rows without an ou cell (null: Unorganized)' })
  @Property({ type: 'uuid', nullable: true })
  @RefersTo('OrgUnit')
  defaultOuId!: string | null;

  /** Published through the resolver (an import whose process stopped reads as FAILED). */
  @Enum({ items: () => CustomerImportState, nativeEnumName: 'customer_import_state' })
  state: CustomerImportState = CustomerImportState.RUNNING;

  @Field(() => Float, { description: 'File size in bytes' })
  @Property({ type: new BigIntType('number') })
  fileSize!: number;

  @Field(() => Float, { description: 'Bytes read so far' })
  @Property({ type: new BigIntType('number') })
  bytesRead: number = 0;

  @Field(() => Int, { description: 'Data rows read so far (not the header)' })
  @Property()
  rows: number = 0;

  @Field(() => Int, { description: 'Customers created' })
  @Property()
  imported: number = 0;

  @Field(() => Int, { description: 'Rows skipped: their phone or e-mail belongs to a customer already' })
  @Property()
  duplicates: number = 0;

  @Field(() => Int, { description: 'Rows refused: see rejections' })
  @Property()
  rejected: number = 0;

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Field({ description: 'When the upload was accepted' })
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  startedAt: Date = new Date();

  /** The last progress write: a RUNNING import that stops writing was interrupted (its process stopped). */
  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();

  @Field(() => Date, { nullable: true, description: 'When it ended (DONE or FAILED)' })
  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}

/** One refused field of one row of an import, with the row as read. */
@ObjectType({ description: 'A refused row of an import: the line, the field and why, and the row as read' })
@Entity({ tableName: 'customer_import_rejection' })
export class CustomerImportRejection {
  @ManyToOne(() => CustomerImport, { primary: true, deleteRule: 'cascade' })
  customerImport!: CustomerImport;

  @Field(() => Int, { description: 'Line of the file (the header is line 1)' })
  @PrimaryKey()
  line!: number;

  @Field({ description: 'The column refused, or "row" for a row that could not be read' })
  @PrimaryKey({ length: 64 })
  field!: string;

  @Field({ description: 'Why' })
  @Property({ type: 'text' })
  reason!: string;

  /** The row's cells by column (jsonb). */
  @Property({ type: 'json' })
  cells!: Record<string, string>;
}
