import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import type { ValidationProblem } from './problems.js';

/**
 * The receiver checks requests against the published OpenAPI document itself, compiled with Ajv
 * (JSON Schema 2020-12, the dialect of OpenAPI 3.1), never against the zod schemas it was generated
 * from: a receiver that validated with zod would pass even when the document said something else,
 * and the document is what the ministry builds against.
 */

export type Auth = 'none' | 'device' | 'admin';

export interface DocumentParameter {
  name: string;
  in: 'path' | 'header' | 'query';
  required: boolean;
  validate: ValidateFunction;
}

export interface DocumentOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** As the document writes it, e.g. `/v1/admin/devices/{deviceId}/revoke`. */
  path: string;
  /** The same path for the router, e.g. `/v1/admin/devices/:deviceId/revoke`. */
  routePath: string;
  auth: Auth;
  successStatus: number;
  /** Conditional GET: the success answer carries an ETag and a 304 is declared. */
  etag: boolean;
  requestBody: ValidateFunction | undefined;
  response: ValidateFunction | undefined;
  parameters: DocumentParameter[];
}

export interface CentralApiDocument {
  version: string;
  operations: readonly DocumentOperation[];
  /** A named schema of `components.schemas`. */
  component(name: string): ValidateFunction;
  /** Installation, time and events each with a readable id, seq and type: enough to answer per event. */
  validateBatchEnvelope: ValidateFunction;
  /** Null when the event matches `#/components/schemas/Event`; otherwise why not, for the kiosk's quarantine. */
  eventProblem(event: unknown): string | null;
}

const ROOT_ID = 'central-api';
const EVENT_MESSAGE_MAX = 500;

interface OpenApiOperationObject {
  operationId: string;
  security?: Array<Record<string, unknown>>;
  parameters?: Array<{ name: string; in: string; required?: boolean; schema: Record<string, unknown> }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }>; headers?: Record<string, unknown> }>;
}

interface OpenApiFile {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, OpenApiOperationObject>>;
  components: { schemas: Record<string, { oneOf?: Array<{ properties?: { type?: { const?: unknown } } }> }> };
}

function createAjv(allErrors = true): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors });
  // ajv-formats is CommonJS whose module object is also its `default`; this works under both interops.
  const addFormats = (formatsPlugin as unknown as { default?: typeof formatsPlugin }).default ?? formatsPlugin;
  (addFormats as unknown as (instance: Ajv2020) => void)(ajv);
  // The components are held under the OpenAPI key so that the document's own `#/components/schemas/…`
  // references resolve unchanged.
  ajv.addKeyword({ keyword: 'components' });
  return ajv;
}

function securityOf(operation: OpenApiOperationObject): Auth {
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  if (schemes.length === 0) return 'none';
  if (schemes.length === 1 && schemes[0] === 'deviceToken') return 'device';
  if (schemes.length === 1 && schemes[0] === 'adminToken') return 'admin';
  throw new Error(`${operation.operationId}: security ${JSON.stringify(operation.security)} is not one the receiver knows`);
}

function componentRef(ref: string, where: string): string {
  const match = /^#\/components\/schemas\/([A-Za-z0-9_.-]+)$/.exec(ref);
  if (!match?.[1]) throw new Error(`${where}: ${ref} is not a component schema reference`);
  return match[1];
}

export function loadCentralApiDocument(file: string): CentralApiDocument {
  const document = JSON.parse(readFileSync(file, 'utf8')) as OpenApiFile;
  if (!document.openapi?.startsWith('3.1')) throw new Error(`${file}: expected an OpenAPI 3.1 document`);
  const ajv = createAjv();
  ajv.addSchema({ $id: ROOT_ID, components: document.components });

  const compiled = new Map<string, ValidateFunction>();
  const component = (name: string): ValidateFunction => {
    let validate = compiled.get(name);
    if (!validate) {
      if (!(name in document.components.schemas)) throw new Error(`${file}: no component schema ${name}`);
      validate = ajv.getSchema(`${ROOT_ID}#/components/schemas/${name}`);
      if (!validate) throw new Error(`${file}: cannot compile ${name}`);
      compiled.set(name, validate);
    }
    return validate;
  };
  // Compile everything at start: a document Ajv cannot compile stops the receiver, not a request.
  for (const name of Object.keys(document.components.schemas)) component(name);

  const operations: DocumentOperation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(methods)) {
      const success = Object.keys(operation.responses)
        .filter((status) => /^2\d\d$/.test(status))
        .sort()[0];
      if (!success) throw new Error(`${operation.operationId}: no success response`);
      const successContent = operation.responses[success]?.content?.['application/json'];
      const bodyContent = operation.requestBody?.content['application/json'];
      if (operation.requestBody && !bodyContent) throw new Error(`${operation.operationId}: the receiver reads application/json bodies only`);
      operations.push({
        operationId: operation.operationId,
        method: method.toUpperCase() as DocumentOperation['method'],
        path,
        routePath: path.replace(/\{(\w+)\}/g, ':$1'),
        auth: securityOf(operation),
        successStatus: Number(success),
        etag: '304' in operation.responses,
        requestBody: bodyContent ? component(componentRef(bodyContent.schema.$ref, operation.operationId)) : undefined,
        response: successContent ? component(componentRef(successContent.schema.$ref, operation.operationId)) : undefined,
        parameters: (operation.parameters ?? []).map((parameter) => {
          if (parameter.in !== 'path' && parameter.in !== 'header' && parameter.in !== 'query') {
            throw new Error(`${operation.operationId}: parameter ${parameter.name} in ${parameter.in} is not supported`);
          }
          return { name: parameter.name, in: parameter.in, required: parameter.required === true, validate: ajv.compile(parameter.schema) };
        }),
      });
    }
  }

  // The envelope is made of the document's own pieces: the batch object with each event reduced to
  // the fields a per-event answer needs, id and seq exactly as every branch of `Event` declares them.
  const batch = document.components.schemas.UploadEventsRequest as { properties?: Record<string, unknown> } | undefined;
  if (!batch?.properties?.events) throw new Error(`${file}: UploadEventsRequest has no events`);
  const branches = document.components.schemas.Event?.oneOf;
  if (!branches || branches.length === 0) throw new Error(`${file}: Event is not a oneOf of event types`);
  const validateBatchEnvelope = ajv.compile({
    ...batch,
    properties: {
      ...batch.properties,
      events: {
        ...(batch.properties.events as Record<string, unknown>),
        items: {
          type: 'object',
          required: ['id', 'seq', 'type'],
          properties: {
            id: { $ref: `${ROOT_ID}#/components/schemas/Event/oneOf/0/properties/id` },
            seq: { $ref: `${ROOT_ID}#/components/schemas/Event/oneOf/0/properties/seq` },
            type: { type: 'string' },
          },
        },
      },
    },
  });

  // Events are validated by a second Ajv that stops at the first error: with every error collected,
  // one crafted event of a few MB (300 000 unknown keys) cost seconds and a gigabyte.
  const eventAjv = createAjv(false);
  eventAjv.addSchema({ $id: ROOT_ID, components: document.components });
  const validateEvent = eventAjv.getSchema(`${ROOT_ID}#/components/schemas/Event`);
  if (!validateEvent) throw new Error(`${file}: cannot compile Event`);
  const branchByType = new Map<unknown, number>(branches.map((branch, index) => [branch.properties?.type?.const, index]));
  const branchValidators = branches.map((_branch, index) => eventAjv.getSchema(`${ROOT_ID}#/components/schemas/Event/oneOf/${index}`));
  const eventProblem = (event: unknown): string | null => {
    const index = branchByType.get((event as { type?: unknown }).type);
    if (index === undefined) return `type: not an event type of the document`;
    // The branch of the event's own type first (one schema, not 21), then the whole oneOf, which
    // is what the document says.
    const branch = branchValidators[index];
    if (branch && !branch(event)) {
      const message = validationProblems(branch.errors)
        .map((entry) => `${entry.path}: ${entry.message}`)
        .join('; ');
      return message.length > EVENT_MESSAGE_MAX ? `${message.slice(0, EVENT_MESSAGE_MAX - 1)}…` : message;
    }
    if (validateEvent(event)) return null;
    if (!branch || branch(event)) return 'does not match exactly one event schema';
    const message = validationProblems(branch.errors)
      .map((entry) => `${entry.path}: ${entry.message}`)
      .join('; ');
    return message.length > EVENT_MESSAGE_MAX ? `${message.slice(0, EVENT_MESSAGE_MAX - 1)}…` : message;
  };

  return { version: document.info.version, operations, component, validateBatchEnvelope, eventProblem };
}

/** Ajv's errors as the Problem's `errors`: a JSON pointer each, naming the property when one is missing or extra. */
export function validationProblems(errors: ErrorObject[] | null | undefined, prefix = ''): ValidationProblem[] {
  const seen = new Set<string>();
  const problems: ValidationProblem[] = [];
  // zod writes a date or date-time as a format and its long regular expression; the format says it better.
  const formatted = new Set((errors ?? []).filter((error) => error.keyword === 'format').map((error) => error.instancePath));
  for (const error of errors ?? []) {
    if (error.keyword === 'pattern' && formatted.has(error.instancePath)) continue;
    let path = `${prefix}${error.instancePath}`;
    let message = error.message ?? 'is invalid';
    if (error.keyword === 'required') {
      path = `${path}/${String((error.params as { missingProperty: string }).missingProperty)}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      path = `${path}/${String((error.params as { additionalProperty: string }).additionalProperty)}`;
      message = 'is not allowed';
    }
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path: path || '/', message });
  }
  return problems;
}

/** A schema of the receiver's own (its admin extras, which are not part of the contract). */
export function compileLocalSchema(schema: Record<string, unknown>): ValidateFunction {
  return createAjv().compile(schema);
}
