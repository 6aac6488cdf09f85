import type { ModuleManifest } from '../../common/module';
import { Activity } from './activity.entity';
import { Comment } from './comment.entity';
import {
  ActivityCrudResolver,
  ActivityFieldsResolver,
  CustomerRequestCrudResolver,
  CustomerRequestFieldsResolver,
  FieldDefinitionCrudResolver,
} from './context.resolver';
import { ActivityFieldDefinition } from './field-definition.entity';
import { CustomerRequest } from './request.entity';
import { CustomerContextFieldsResolver, JourneyResolver } from './journey.resolver';
import { ContactRecordingResolver } from './contact-recording.resolver';

/** The customer context: requests, activities, comments, activity field definitions. */
export const contextModule: ModuleManifest = {
  name: 'context',
  entities: [CustomerRequest, Activity, Comment, ActivityFieldDefinition],
  resolvers: [
    CustomerRequestCrudResolver,
    CustomerRequestFieldsResolver,
    ActivityCrudResolver,
    ActivityFieldsResolver,
    FieldDefinitionCrudResolver,
    JourneyResolver,
    CustomerContextFieldsResolver,
    ContactRecordingResolver,
  ],
};
