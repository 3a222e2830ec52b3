// Every documented operation, gathered from the routes files that declare them.
// A new routes file exports its `…Operations` next to its router; add it here.
// api/openapi/openapi-coverage.test.ts fails for any /v1 route missing here.
import type { OperationSpec } from './operation-spec.ts';
import { attachmentOperations } from '../routes/attachment-routes.ts';
import { accountOperations } from '../routes/account-routes.ts';
import { authoringOperations } from '../routes/authoring-routes.ts';
import { connectorOperations } from '../routes/connector-routes.ts';
import { deadLetterOperations } from '../routes/dead-letter-routes.ts';
import { dossierOperations } from '../routes/dossier-routes.ts';
import { formOperations } from '../routes/form-routes.ts';
import { healthOperations } from '../routes/health-routes.ts';
import { meOperations } from '../routes/me-routes.ts';
import { metricsOperations } from '../routes/metrics-routes.ts';
import { notificationOperations } from '../routes/notification-routes.ts';
import { openApiOperations } from '../routes/openapi-routes.ts';
import { procedureOperations } from '../routes/procedure-routes.ts';
import { publicOperations } from '../routes/public-routes.ts';
import { supervisionOperations } from '../routes/supervision-routes.ts';
import { worklistOperations } from '../routes/worklist-routes.ts';

export const apiOperations: readonly OperationSpec[] = [
  ...healthOperations,
  ...openApiOperations,
  ...metricsOperations,
  ...accountOperations,
  ...meOperations,
  ...procedureOperations,
  ...authoringOperations,
  ...dossierOperations,
  ...worklistOperations,
  ...supervisionOperations,
  ...attachmentOperations,
  ...formOperations,
  ...connectorOperations,
  ...deadLetterOperations,
  ...notificationOperations,
  ...publicOperations,
];
