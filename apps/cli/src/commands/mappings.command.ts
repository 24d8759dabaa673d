import type { Command } from 'commander';
import { importSkuMappings, listSkuMappings, setSkuMapping } from './mappings-sku';
import { setSettings, showSettings } from './mappings-settings';

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/**
 * `ml-connector mappings`: the SKU -> BC item table bc-writer consults before its own rules (DESIGN.md 3.6), and the
 * per-connection settings (validated, versioned). After fixing a NEEDS_MAPPING order, `resync order` finishes it.
 */
export function registerMappingsCommand(program: Command): void {
  const mappings = program.command('mappings').description('SKU mappings and per-connection settings');
  const sku = mappings.command('sku').description('Store SKU -> BC item mappings');
  sku
    .command('set <connection> <sku> <itemNumber>')
    .description('Map one store SKU (exactly as the store has it) to a BC item number')
    .option('--no-verify', 'do not check the item in BC now (bc-writer resolves the number on first use)')
    .option('--json', 'print JSON', false)
    .action(async (connection: string, storeSku: string, itemNumber: string, o: { verify: boolean; json: boolean }) =>
      print(await setSkuMapping(connection, storeSku, itemNumber, o)),
    );
  sku
    .command('import <connection> <file>')
    .description('Import a CSV of sku,item_number (header optional; all rows or none)')
    .option('--no-verify', 'do not check the items in BC now')
    .option('--json', 'print JSON', false)
    .action(async (connection: string, file: string, o: { verify: boolean; json: boolean }) => print(await importSkuMappings(connection, file, o)));
  sku
    .command('list <connection>')
    .description('List the mapping table')
    .option('--links', 'also show SKUs bc-writer resolved by its own rules (kept by item id)', false)
    .option('--json', 'print JSON', false)
    .action(async (connection: string, o: { json: boolean; links: boolean }) => print(await listSkuMappings(connection, o)));
  const settings = mappings.command('settings').description("A connection's settings (orders, catalog, webhooks)");
  settings
    .command('show <connection>')
    .description('Print the settings (defaults filled in)')
    .option('--version <n>', 'as they were at this settings version', (v) => Number.parseInt(v, 10))
    .option('--json', 'print JSON (the output is JSON either way)')
    .action(async (connection: string, o: { version?: number }) => print(await showSettings(connection, o.version)));
  settings
    .command('set <connection> [assignments...]')
    .description(
      'Change settings: key=value (text), key:=json, key:=null to unset (its default applies again), e.g. ' +
        'accounts.shipping=40400 syncableStatuses:=[11,2] accounts.wrapping:=null; or --json (null unsets there too)',
    )
    .option('--json <object>', 'a JSON merge patch (of the orders settings, or with orders/catalog/webhooks keys)')
    .option('--no-verify', 'do not check G/L accounts, currencies, tax areas and tax groups in BC first')
    .action(async (connection: string, assignments: string[], o: { json?: string; verify: boolean }) =>
      print(await setSettings(connection, assignments, o.json, o.verify)),
    );
}
