import { z } from 'zod';
import { CENTRAL_API_VERSION, OPERATIONS, ProblemSchema, type Operation } from './api.js';
import { CENTRAL_EVENT_TYPES, CentralEventPayloads, CentralEventSchema } from './events.js';

/**
 * The OpenAPI 3.1 document of the central API, built from the zod schemas in `api.ts` and
 * `events.ts`. `docs/api/central-api.openapi.json` is this function's output, committed so the
 * ministry's integrators can read it; a test fails when the two differ.
 */

type JsonSchema = Record<string, unknown>;

/** Every named schema goes into one registry, so the document refers to each once (`$ref`). */
function componentSchemas(named: ReadonlyMap<string, z.ZodType>): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.id;
    delete schema.$id;
  }
  return schemas;
}

function componentName(operation: Operation, part: 'Request' | 'Response'): string {
  return `${operation.operationId[0]?.toUpperCase()}${operation.operationId.slice(1)}${part}`;
}

const problemResponse = (description: string, retryAfter = false) => ({
  description,
  ...(retryAfter
    ? { headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 0 } } } }
    : {}),
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const ERROR_TEXT: Record<number, string> = {
  400: 'The request does not match this document (see `errors`)',
  401: 'No valid credential, token or pairing code',
  403: 'Authenticated, but not allowed',
  404: 'No such thing',
  409: 'Conflicts with what is stored (e.g. the installation is registered already)',
  413: 'Body too large',
  429: 'Too many requests; wait `Retry-After` seconds',
  500: 'The receiver failed; retry with backoff',
  503: 'Temporarily unavailable; wait `Retry-After` seconds when given',
};

export function openApiDocument(): Record<string, unknown> {
  const named = new Map<string, z.ZodType>([
    ['Problem', ProblemSchema],
    ['Event', CentralEventSchema],
  ]);
  for (const type of CENTRAL_EVENT_TYPES) named.set(`Payload_${type.replace(/\./g, '_')}`, CentralEventPayloads[type]);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    const responses: Record<string, unknown> = {};
    const { success } = operation;
    if (success.schema) {
      const name = componentName(operation, 'Response');
      named.set(name, success.schema);
      responses[String(success.status)] = {
        description: success.description,
        ...(operation.etag ? { headers: { ETag: { description: 'Version of this resource; send it back as If-None-Match', schema: { type: 'string' } } } } : {}),
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } },
      };
    } else {
      responses[String(success.status)] = { description: success.description };
    }
    if (operation.etag) responses['304'] = { description: 'Not modified since the ETag sent as If-None-Match' };
    for (const status of [...new Set([400, ...operation.errors, 429, 500, 503])].sort((a, b) => a - b)) {
      responses[String(status)] = problemResponse(ERROR_TEXT[status] ?? 'Error', status === 429 || status === 503);
    }
    const parameters: unknown[] = [];
    for (const match of operation.path.matchAll(/\{(\w+)\}/g)) {
      parameters.push({ name: match[1], in: 'path', required: true, schema: { type: 'string', maxLength: 64 } });
    }
    if (operation.etag) {
      parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } });
    }
    const entry: Record<string, unknown> = {
      operationId: operation.operationId,
      summary: operation.summary,
      ...(operation.description ? { description: operation.description } : {}),
      tags: [operation.auth === 'admin' ? 'ministry' : operation.path.startsWith('/v1/events') ? 'events' : operation.etag ? 'pull' : 'device'],
      security: operation.auth === 'none' ? [] : operation.auth === 'admin' ? [{ adminToken: [] }] : [{ deviceToken: [] }],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(operation.request
        ? (() => {
            const name = componentName(operation, 'Request');
            named.set(name, operation.request as z.ZodType);
            return { requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${name}` } } } } };
          })()
        : {}),
      responses,
    };
    (paths[operation.path] ??= {})[operation.method] = entry;
  }
  const schemas = componentSchemas(named);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kios SIAPkerja ↔ central SIAPkerja API',
      version: CENTRAL_API_VERSION,
      summary: 'What a Kios SIAPkerja kiosk sends to and pulls from the ministry',
      description:
        'Kiosks store every fact locally first and forward it here in batches (store-and-forward). ' +
        'Every event has a UUIDv7 `id` (the idempotency key), the kiosk clock (`occurredAt`) and a per-installation `seq`. ' +
        'See docs/INTEGRATOR.md for the integrator guide and tools/central-receiver for a reference implementation.',
      license: { name: 'Proprietary — Kementerian Ketenagakerjaan RI', identifier: 'LicenseRef-Kemnaker' },
    },
    servers: [{ url: 'https://siapkerja.kemnaker.go.id/kios-api', description: 'Placeholder: the ministry sets the real address' }],
    tags: [
      { name: 'device', description: 'Registration, credentials and time' },
      { name: 'events', description: 'Store-and-forward upload' },
      { name: 'pull', description: 'Configuration and content the kiosk caches' },
      { name: 'ministry', description: 'Operations for ministry staff' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        deviceToken: { type: 'http', scheme: 'bearer', description: 'Access token from POST /v1/auth/token' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'A ministry operator token' },
      },
    },
  };
}
