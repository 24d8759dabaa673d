import type { SandboxResponse } from '../../core/router';
import type { FieldDef } from '../model/field-def';
import { COMPANY_FIELDS, SUBSCRIPTION_FIELDS } from '../model/master-data-fields';
import type { EntitySet } from '../resources/entity-set';
import { ENTITY_SETS } from '../resources/registry';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function property(field: FieldDef): string {
  const length = field.maxLength !== undefined ? ` MaxLength="${field.maxLength}"` : '';
  const scale = field.type === 'decimal' ? ' Scale="Variable"' : '';
  return `<Property Name="${field.name}" Type="${field.edmType}" Nullable="false"${length}${scale} />`;
}

function entityType(name: string, key: string, fields: readonly FieldDef[], set?: EntitySet): string {
  const navigations = Object.entries(set?.navigations ?? {}).map(([nav, n]) => {
    const target = ENTITY_SETS.get(n.target)?.entityType ?? n.target;
    const type = n.many ? `Collection(Microsoft.NAV.${target})` : `Microsoft.NAV.${target}`;
    return `<NavigationProperty Name="${nav}" Type="${type}"${n.many ? '' : ' Nullable="true"'} />`;
  });
  return [
    `<EntityType Name="${name}"><Key><PropertyRef Name="${key}" /></Key>`,
    ...fields.map(property),
    ...navigations,
    '</EntityType>',
  ].join('');
}

function actions(set: EntitySet): string[] {
  return Object.keys(set.actions ?? {}).map(
    (action) =>
      `<Action Name="${action}" IsBound="true"><Parameter Name="bindingParameter" Type="Microsoft.NAV.${set.entityType}" /></Action>`,
  );
}

/**
 * `GET {root}/$metadata`: an EDMX (namespace `Microsoft.NAV`) generated from the same field metadata the simulator
 * serves, so clients that read types and lengths see what the API enforces.
 */
export function metadataDocument(): SandboxResponse {
  const sets = [...ENTITY_SETS.values()];
  const types = [
    entityType('company', 'id', COMPANY_FIELDS),
    entityType('subscriptions', 'subscriptionId', SUBSCRIPTION_FIELDS),
    ...sets.map((set) => entityType(set.entityType, 'id', set.fields, set)),
  ];
  const container = [
    '<EntityContainer Name="NAV">',
    '<EntitySet Name="companies" EntityType="Microsoft.NAV.company" />',
    '<EntitySet Name="subscriptions" EntityType="Microsoft.NAV.subscriptions" />',
    ...sets.map((set) => `<EntitySet Name="${escape(set.name)}" EntityType="Microsoft.NAV.${set.entityType}" />`),
    '</EntityContainer>',
  ];
  const xml = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices>',
    '<Schema Namespace="Microsoft.NAV" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
    ...types,
    ...sets.flatMap(actions),
    ...container,
    '</Schema></edmx:DataServices></edmx:Edmx>',
  ].join('');
  return { status: 200, headers: { 'content-type': 'application/xml; charset=utf-8', 'odata-version': '4.0' }, body: xml };
}
