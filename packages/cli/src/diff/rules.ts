/**
 * The catalogue of diff rules: every kind of change `lockstep diff` reports, its level and an
 * example. README.md ("Rule catalogue") lists the same rules; a test keeps the two in step.
 */

/** How much a change matters to existing clients. */
export type Level = 'breaking' | 'warning' | 'info';

/** One rule: how severe, what it means, and an example change it reports. */
export type Rule = { level: Level; summary: string; example: string };

const rules = {
  'path-removed': {
    level: 'breaking',
    summary: 'a path and all its operations are gone',
    example: '`/pets/{id}` removed',
  },
  'path-added': { level: 'info', summary: 'a new path', example: '`/pets/{id}/photos` added' },
  'operation-removed': {
    level: 'breaking',
    summary: 'a method of a path is gone',
    example: '`DELETE /pets/{id}` removed',
  },
  'operation-added': {
    level: 'info',
    summary: 'a new method on an existing path',
    example: '`PATCH /pets/{id}` added',
  },
  'operation-id-changed': {
    level: 'breaking',
    summary: 'generated SDK method names change',
    example: 'operationId `getPet` → `showPet`',
  },
  'operation-deprecated': {
    level: 'info',
    summary: 'an operation is marked deprecated',
    example: '`deprecated: true`',
  },
  'description-changed': { level: 'info', summary: 'a summary or description changed', example: 'new wording' },
  'security-tightened': {
    level: 'breaking',
    summary: 'a way of calling that worked no longer does',
    example: 'no security → `bearer`; scope `admin` added',
  },
  'security-relaxed': {
    level: 'info',
    summary: 'more ways of calling are accepted',
    example: '`bearer` → `bearer` or `apiKey`',
  },
  'parameter-removed': {
    level: 'info',
    summary: 'a parameter is no longer read (sending it is harmless)',
    example: 'query `verbose` removed',
  },
  'parameter-added': { level: 'info', summary: 'a new optional parameter', example: 'optional query `limit` added' },
  'parameter-added-required': {
    level: 'breaking',
    summary: 'a new required parameter',
    example: 'required header `X-Tenant` added',
  },
  'parameter-required': {
    level: 'breaking',
    summary: 'an optional parameter became required',
    example: 'query `page` now required',
  },
  'requirement-relaxed': {
    level: 'info',
    summary: 'a parameter or field is optional in a request, or always present in a response',
    example: 'request field `nickname` no longer required',
  },
  'request-body-added': { level: 'info', summary: 'a new optional request body', example: 'optional JSON body added' },
  'request-body-added-required': {
    level: 'breaking',
    summary: 'a new required request body',
    example: 'required JSON body added',
  },
  'request-body-removed': { level: 'info', summary: 'the request body is no longer read', example: 'body removed' },
  'request-body-required': {
    level: 'breaking',
    summary: 'the request body became required',
    example: '`required: true`',
  },
  'media-type-removed': {
    level: 'breaking',
    summary: 'a media type is no longer accepted (request) or returned (response)',
    example: '`application/xml` removed',
  },
  'media-type-added': {
    level: 'info',
    summary: 'a media type is now accepted or returned',
    example: '`text/csv` added',
  },
  'success-status-removed': {
    level: 'breaking',
    summary: 'a 2xx status is no longer returned',
    example: '`201` removed',
  },
  'status-removed': { level: 'info', summary: 'a non-2xx status is no longer documented', example: '`409` removed' },
  'status-added': { level: 'info', summary: 'a status is newly documented', example: '`429` added' },
  'response-header-removed': {
    level: 'breaking',
    summary: 'a response header is no longer sent',
    example: '`X-Total-Count` removed',
  },
  'response-header-added': { level: 'info', summary: 'a response header is now sent', example: '`ETag` added' },
  'request-field-removed': {
    level: 'info',
    summary: 'a request field is no longer read (unknown fields are still accepted)',
    example: '`legacyId` removed',
  },
  'request-field-removed-closed': {
    level: 'breaking',
    summary: 'a request field is gone and unknown fields are rejected',
    example: '`legacyId` removed with `additionalProperties: false`',
  },
  'request-field-required': {
    level: 'breaking',
    summary: 'a request field is new and required, or became required',
    example: '`email` now required',
  },
  'request-field-added': { level: 'info', summary: 'a new optional request field', example: '`nickname` added' },
  'additional-properties-closed': {
    level: 'breaking',
    summary: 'a request object now rejects fields it does not list',
    example: '`additionalProperties: false` added',
  },
  'response-field-removed': {
    level: 'breaking',
    summary: 'a field the response always had is gone',
    example: 'required `id` removed',
  },
  'response-optional-field-removed': {
    level: 'warning',
    summary: 'a field the response sometimes had is gone (clients that read it get nothing)',
    example: 'optional `avatar` removed',
  },
  'response-field-optional': {
    level: 'breaking',
    summary: 'a field the response always had may now be missing',
    example: '`id` no longer required',
  },
  'response-field-added': { level: 'info', summary: 'a new response field', example: '`createdAt` added' },
  'request-type-narrowed': {
    level: 'breaking',
    summary: 'a request value accepted before is now rejected by type',
    example: '`number` → `integer`; `string | integer` → `string`',
  },
  'request-type-widened': {
    level: 'info',
    summary: 'a request value now accepts more types',
    example: '`integer` → `number`',
  },
  'response-type-widened': {
    level: 'breaking',
    summary: 'a response value may now have a type clients do not expect',
    example: '`integer` → `string`; `integer` → `integer | string`',
  },
  'response-type-narrowed': {
    level: 'info',
    summary: 'a response value now has fewer types',
    example: '`number` → `integer`',
  },
  'request-became-not-nullable': {
    level: 'breaking',
    summary: 'a request value can no longer be null',
    example: '`string | null` → `string`',
  },
  'request-became-nullable': {
    level: 'info',
    summary: 'a request value may now be null',
    example: '`nullable: true` added',
  },
  'response-became-nullable': {
    level: 'breaking',
    summary: 'a response value may now be null',
    example: '`string` → `string | null`',
  },
  'response-became-not-nullable': {
    level: 'info',
    summary: 'a response value is never null any more',
    example: '`nullable` removed',
  },
  'request-enum-value-removed': {
    level: 'breaking',
    summary: 'a request value is no longer accepted',
    example: 'status `pending` removed',
  },
  'request-enum-value-added': {
    level: 'info',
    summary: 'a request enum accepts a new value',
    example: 'status `archived` added',
  },
  'request-enum-added': {
    level: 'breaking',
    summary: 'a request value is now restricted to a list',
    example: '`enum: [a, b]` added',
  },
  'request-enum-removed': {
    level: 'info',
    summary: 'a request value is no longer restricted to a list',
    example: '`enum` removed',
  },
  'response-enum-value-added': {
    level: 'warning',
    summary: 'a response enum has a new value (clients that switch over the values may not handle it)',
    example: 'status `archived` added',
  },
  'response-enum-value-removed': {
    level: 'info',
    summary: 'a response enum value is never sent any more',
    example: 'status `pending` removed',
  },
  'response-enum-added': {
    level: 'info',
    summary: 'a response value is now restricted to a list',
    example: '`enum: [a, b]` added',
  },
  'response-enum-removed': {
    level: 'warning',
    summary: 'a response value is no longer restricted to a list',
    example: '`enum` removed',
  },
  'request-range-narrowed': {
    level: 'breaking',
    summary: 'a request bound (minimum, maximum, length, items, properties) is tighter',
    example: '`maxLength` 100 → 50',
  },
  'request-range-widened': { level: 'info', summary: 'a request bound is looser', example: '`maximum` 10 → 100' },
  'response-range-widened': {
    level: 'warning',
    summary: 'a response value may now lie outside the bounds clients relied on',
    example: '`maxItems` 50 → 100',
  },
  'response-range-narrowed': { level: 'info', summary: 'a response bound is tighter', example: '`maxLength` 100 → 50' },
  'request-format-changed': {
    level: 'breaking',
    summary: 'a request string gained or changed its format or pattern (values may be rejected)',
    example: 'format none → `email`; pattern `^a` → `^ab`',
  },
  'request-format-removed': {
    level: 'info',
    summary: 'a request string lost its format or pattern',
    example: 'format `uuid` → none',
  },
  'response-format-changed': {
    level: 'warning',
    summary: 'a response string changed or lost its format or pattern (parsers may fail)',
    example: 'format `date-time` → `date`',
  },
  'response-format-added': {
    level: 'info',
    summary: 'a response string gained a format or pattern',
    example: 'format none → `uri`',
  },
  'default-changed': { level: 'info', summary: 'a default value changed', example: 'default `10` → `20`' },
  'request-variant-removed': {
    level: 'breaking',
    summary: 'a request union (oneOf/anyOf) no longer accepts one of its variants',
    example: '`oneOf: [Card, Iban]` → `oneOf: [Card]`',
  },
  'request-variant-added': {
    level: 'info',
    summary: 'a request union accepts a new variant',
    example: '`Paypal` added to `oneOf`',
  },
  'response-variant-added': {
    level: 'warning',
    summary: 'a response union may carry a variant clients do not handle',
    example: '`Paypal` added to `oneOf`',
  },
  'response-variant-removed': {
    level: 'info',
    summary: 'a response union no longer carries a variant',
    example: '`Iban` removed from `oneOf`',
  },
} satisfies Record<string, Rule>;

/** A rule id: the `kind` of every change. */
export type RuleId = keyof typeof rules;

/** Every rule, by id. */
export const RULES: Readonly<Record<RuleId, Rule>> = rules;

/** Whether `id` names a rule of the catalogue. */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id);
}
