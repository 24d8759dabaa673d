import { z } from 'zod';
import { createRng } from './rng';

/** `POST /__sandbox/seed` body. */
export const seedRequestSchema = z
  .object({
    products: z.number().int().min(0).max(100_000).default(20),
    variantsPerProduct: z.number().int().min(0).max(50).default(0),
    customers: z.number().int().min(0).max(100_000).default(5),
    seed: z.number().int().default(1),
  })
  .strict();
export type SeedRequest = z.infer<typeof seedRequestSchema>;

export interface SeedVariant {
  readonly sku: string;
  readonly price: string;
  readonly inventory: number;
  readonly optionLabel: string;
}

export interface SeedProduct {
  readonly sku: string;
  readonly name: string;
  readonly price: string;
  readonly inventory: number;
  readonly weight: string;
  readonly variants: SeedVariant[];
}

export interface SeedCustomer {
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly company: string;
  readonly phone: string;
  readonly address: { line1: string; city: string; state: string; postalCode: string; countryIso2: string };
}

/** The catalog and customers both sandboxes are seeded with: same SKUs / item numbers, prices and stock. */
export interface SeedCatalog {
  readonly products: SeedProduct[];
  readonly customers: SeedCustomer[];
}

const NOUNS = ['Mug', 'Shirt', 'Lamp', 'Chair', 'Kettle', 'Scarf', 'Notebook', 'Backpack', 'Bottle', 'Blanket'];
const ADJECTIVES = ['Blue', 'Classic', 'Organic', 'Compact', 'Deluxe', 'Rustic', 'Urban', 'Soft', 'Bold', 'Tiny'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const FIRST = ['Ada', 'Grace', 'Linus', 'Marie', 'Alan', 'Hedy', 'Nikola', 'Rosalind', 'Tim', 'Barbara'];
const LAST = ['Lovelace', 'Hopper', 'Torvalds', 'Curie', 'Turing', 'Lamarr', 'Tesla', 'Franklin', 'Berners-Lee', 'Liskov'];

/** Deterministic for a seed: the same request always yields the same catalog. */
export function generateSeedCatalog(req: SeedRequest): SeedCatalog {
  const rng = createRng(req.seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const cents = (min: number, max: number) => Math.floor(min * 100 + rng() * (max - min) * 100);
  const money = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}00`;
  const products: SeedProduct[] = [];
  for (let i = 1; i <= req.products; i += 1) {
    const base = `SKU-${String(i).padStart(5, '0')}`;
    const price = cents(3, 250);
    const variants = Array.from({ length: req.variantsPerProduct }, (_, v) => ({
      sku: `${base}-${SIZES[v % SIZES.length]}${v >= SIZES.length ? Math.floor(v / SIZES.length) : ''}`,
      price: money(price + v * 100),
      inventory: 5 + Math.floor(rng() * 95),
      optionLabel: `${SIZES[v % SIZES.length]}${v >= SIZES.length ? Math.floor(v / SIZES.length) : ''}`,
    }));
    products.push({
      sku: base,
      name: `${pick(ADJECTIVES)} ${pick(NOUNS)} ${i}`,
      price: money(price),
      inventory: variants.length ? variants.reduce((s, v) => s + v.inventory, 0) : 5 + Math.floor(rng() * 95),
      weight: `${1 + Math.floor(rng() * 5)}.0000`,
      variants,
    });
  }
  const customers = Array.from({ length: req.customers }, (_, i) => {
    const firstName = pick(FIRST);
    const lastName = pick(LAST);
    return {
      email: `${firstName}.${lastName}.${i + 1}@example.com`.toLowerCase(),
      firstName,
      lastName,
      company: i % 3 === 0 ? `${lastName} Trading` : '',
      phone: `555-01${String(i % 100).padStart(2, '0')}`,
      address: { line1: `${10 + i} Main Street`, city: 'Austin', state: 'Texas', postalCode: '78701', countryIso2: 'US' },
    };
  });
  return { products, customers };
}

/** Every SKU a shopper can buy: variants' SKUs, or the product's when it has none. */
export function sellableSkus(catalog: SeedCatalog): string[] {
  return catalog.products.flatMap((p) => (p.variants.length ? p.variants.map((v) => v.sku) : [p.sku]));
}
