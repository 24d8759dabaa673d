import type { Command } from 'commander';
import { masterKeyFromBase64, SecretBox } from '@mlc/platform-crypto';
import { withContext } from '../cli-context';
import { CliError, EXIT } from '../cli-error';
import { Output } from '../output';

/** `keys rotate`: re-seal every credential under NEW_MASTER_KEY (MASTER_KEY must still open them). */
export function registerKeysCommand(program: Command): void {
  program
    .command('keys')
    .description('Manage the key that encrypts credentials at rest')
    .command('rotate')
    .description('Re-encrypt every connection credential under NEW_MASTER_KEY; then set MASTER_KEY to it everywhere')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        if (!ctx.config.MASTER_KEY || !ctx.config.NEW_MASTER_KEY) {
          throw new CliError('keys rotate needs MASTER_KEY (current) and NEW_MASTER_KEY (next) in the environment', EXIT.config);
        }
        const current = masterKeyFromBase64(ctx.config.MASTER_KEY);
        const next = masterKeyFromBase64(ctx.config.NEW_MASTER_KEY);
        if (current.id === next.id) throw new CliError('NEW_MASTER_KEY is the same key as MASTER_KEY', EXIT.usage);
        const registry = await ctx.registry(new SecretBox(current));
        const result = await registry.rotateKeys(new SecretBox(next, [current]));
        new Output(!!opts.json).result({ rotated: result.rotated, fromKeyId: current.id, toKeyId: result.keyId }, () =>
          `re-encrypted ${result.rotated} connection(s) from key ${current.id} to key ${result.keyId}; set MASTER_KEY to the new key and restart the services`,
        );
      }),
    );
}
