import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Platform-wide settings (e.g. which demo seed steps a database has); used through SQL. */
@Entity({ tableName: 'platform_setting' })
export class PlatformSetting {
  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;
}
