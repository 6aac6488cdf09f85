import { Migration } from '@mikro-orm/migrations';

export class Migration20261203110010 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`drop index "role_tenant_id_index";`);

    this.addSql(`create index "role_tenant_id_id_index" on "role" ("tenant_id", "id");`);

    this.addSql(`drop index "org_unit_tenant_id_index";`);

    this.addSql(`create index "org_unit_tenant_id_id_index" on "org_unit" ("tenant_id", "id");`);

    this.addSql(`drop index "skill_queue_group_tenant_id_index";`);

    this.addSql(`create index "skill_queue_group_tenant_id_id_index" on "skill_queue_group" ("tenant_id", "id");`);

    this.addSql(`drop index "ivr_tenant_id_index";`);

    this.addSql(`create index "ivr_tenant_id_id_index" on "ivr" ("tenant_id", "id");`);

    this.addSql(`drop index "employee_tenant_id_index";`);

    this.addSql(`create index "employee_tenant_id_id_index" on "employee" ("tenant_id", "id");`);

    this.addSql(`drop index "customer_tenant_id_index";`);

    this.addSql(`create index "customer_tenant_id_id_index" on "customer" ("tenant_id", "id");`);

    this.addSql(`drop index "customer_request_tenant_id_index";`);

    this.addSql(`create index "customer_request_tenant_id_id_index" on "customer_request" ("tenant_id", "id");`);

    this.addSql(`drop index "api_client_tenant_id_index";`);

    this.addSql(`create index "api_client_tenant_id_id_index" on "api_client" ("tenant_id", "id");`);

    this.addSql(`drop index "agent_tenant_id_index";`);

    this.addSql(`create index "agent_tenant_id_id_index" on "agent" ("tenant_id", "id");`);

    this.addSql(`drop index "agent_state_tenant_id_index";`);

    this.addSql(`create index "agent_state_tenant_id_id_index" on "agent_state" ("tenant_id", "id");`);

    this.addSql(`drop index "agent_parameter_tenant_id_index";`);

    this.addSql(`create index "agent_parameter_tenant_id_id_index" on "agent_parameter" ("tenant_id", "id");`);

    this.addSql(`drop index "address_option_tenant_id_index";`);

    this.addSql(`create index "address_option_tenant_id_id_index" on "address_option" ("tenant_id", "id");`);

    this.addSql(`drop index "activity_field_definition_tenant_id_index";`);

    this.addSql(`create index "activity_field_definition_tenant_id_id_index" on "activity_field_definition" ("tenant_id", "id");`);

    this.addSql(`drop index "activity_tenant_id_index";`);

    this.addSql(`create index "activity_tenant_id_id_index" on "activity" ("tenant_id", "id");`);

    this.addSql(`drop index "access_code_tenant_id_index";`);

    this.addSql(`create index "access_code_tenant_id_id_index" on "access_code" ("tenant_id", "id");`);

    this.addSql(`drop index "voice_prompt_tenant_id_index";`);

    this.addSql(`create index "voice_prompt_tenant_id_id_index" on "voice_prompt" ("tenant_id", "id");`);

    this.addSql(`drop index "skill_queue_tenant_id_index";`);

    this.addSql(`create index "skill_queue_tenant_id_id_index" on "skill_queue" ("tenant_id", "id");`);

    this.addSql(`drop index "queue_load_tenant_id_index";`);

    this.addSql(`create index "queue_load_tenant_id_id_index" on "queue_load" ("tenant_id", "id");`);

    this.addSql(`drop index "called_route_tenant_id_index";`);

    this.addSql(`create index "called_route_tenant_id_id_index" on "called_route" ("tenant_id", "id");`);

    this.addSql(`drop index "web_channel_tenant_id_index";`);

    this.addSql(`create index "web_channel_tenant_id_id_index" on "web_channel" ("tenant_id", "id");`);

    this.addSql(`drop index "work_time_exception_tenant_id_index";`);

    this.addSql(`create index "work_time_exception_tenant_id_id_index" on "work_time_exception" ("tenant_id", "id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "access_code_tenant_id_id_index";`);

    this.addSql(`create index "access_code_tenant_id_index" on "access_code" ("tenant_id");`);

    this.addSql(`drop index "activity_tenant_id_id_index";`);

    this.addSql(`create index "activity_tenant_id_index" on "activity" ("tenant_id");`);

    this.addSql(`drop index "activity_field_definition_tenant_id_id_index";`);

    this.addSql(`create index "activity_field_definition_tenant_id_index" on "activity_field_definition" ("tenant_id");`);

    this.addSql(`drop index "address_option_tenant_id_id_index";`);

    this.addSql(`create index "address_option_tenant_id_index" on "address_option" ("tenant_id");`);

    this.addSql(`drop index "agent_tenant_id_id_index";`);

    this.addSql(`create index "agent_tenant_id_index" on "agent" ("tenant_id");`);

    this.addSql(`drop index "agent_parameter_tenant_id_id_index";`);

    this.addSql(`create index "agent_parameter_tenant_id_index" on "agent_parameter" ("tenant_id");`);

    this.addSql(`drop index "agent_state_tenant_id_id_index";`);

    this.addSql(`create index "agent_state_tenant_id_index" on "agent_state" ("tenant_id");`);

    this.addSql(`drop index "api_client_tenant_id_id_index";`);

    this.addSql(`create index "api_client_tenant_id_index" on "api_client" ("tenant_id");`);

    this.addSql(`drop index "called_route_tenant_id_id_index";`);

    this.addSql(`create index "called_route_tenant_id_index" on "called_route" ("tenant_id");`);

    this.addSql(`drop index "customer_tenant_id_id_index";`);

    this.addSql(`create index "customer_tenant_id_index" on "customer" ("tenant_id");`);

    this.addSql(`drop index "customer_request_tenant_id_id_index";`);

    this.addSql(`create index "customer_request_tenant_id_index" on "customer_request" ("tenant_id");`);

    this.addSql(`drop index "employee_tenant_id_id_index";`);

    this.addSql(`create index "employee_tenant_id_index" on "employee" ("tenant_id");`);

    this.addSql(`drop index "ivr_tenant_id_id_index";`);

    this.addSql(`create index "ivr_tenant_id_index" on "ivr" ("tenant_id");`);

    this.addSql(`drop index "org_unit_tenant_id_id_index";`);

    this.addSql(`create index "org_unit_tenant_id_index" on "org_unit" ("tenant_id");`);

    this.addSql(`drop index "queue_load_tenant_id_id_index";`);

    this.addSql(`create index "queue_load_tenant_id_index" on "queue_load" ("tenant_id");`);

    this.addSql(`drop index "role_tenant_id_id_index";`);

    this.addSql(`create index "role_tenant_id_index" on "role" ("tenant_id");`);

    this.addSql(`drop index "skill_queue_tenant_id_id_index";`);

    this.addSql(`create index "skill_queue_tenant_id_index" on "skill_queue" ("tenant_id");`);

    this.addSql(`drop index "skill_queue_group_tenant_id_id_index";`);

    this.addSql(`create index "skill_queue_group_tenant_id_index" on "skill_queue_group" ("tenant_id");`);

    this.addSql(`drop index "voice_prompt_tenant_id_id_index";`);

    this.addSql(`create index "voice_prompt_tenant_id_index" on "voice_prompt" ("tenant_id");`);

    this.addSql(`drop index "web_channel_tenant_id_id_index";`);

    this.addSql(`create index "web_channel_tenant_id_index" on "web_channel" ("tenant_id");`);

    this.addSql(`drop index "work_time_exception_tenant_id_id_index";`);

    this.addSql(`create index "work_time_exception_tenant_id_index" on "work_time_exception" ("tenant_id");`);
  }
}
