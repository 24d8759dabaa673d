import type { ApiRoute } from '../http/api-gateway';
import { unixSeconds } from '../http/bc-dates';
import type { BigCommerceServices } from './services';

const offsetsByZoneYear = new Map<string, { raw: number; dst: number }>();

/**
 * UTC offsets (seconds) of an IANA zone in January and July, for `timezone.raw_offset` / `dst_offset`. Computed once
 * per zone and year: formatting in a time zone is slow enough to dominate the cheapest route if done per request.
 */
function zoneOffsets(zone: string, year: number): { raw: number; dst: number } {
  const key = `${zone}|${year}`;
  const known = offsetsByZoneYear.get(key);
  if (known) return known;
  const offset = (month: number) => {
    const at = new Date(Date.UTC(year, month, 1, 12));
    const local = new Date(at.toLocaleString('en-US', { timeZone: zone }));
    const utc = new Date(at.toLocaleString('en-US', { timeZone: 'UTC' }));
    return Math.round((local.getTime() - utc.getTime()) / 1000);
  };
  const jan = offset(0);
  const jul = offset(6);
  const offsets = { raw: Math.min(jan, jul), dst: Math.max(jan, jul) };
  offsetsByZoneYear.set(key, offsets);
  return offsets;
}

/** `GET /v2/store` (store information: numeric `store_id`, hash as `id`, currency, time zone) and `GET /v2/time`. */
export function storeRoutes(s: BigCommerceServices): ApiRoute[] {
  return [
    {
      method: 'GET',
      path: '/v2/store',
      scopes: ['store_v2_information'],
      handler: () => {
        const st = s.state.settings;
        const { raw, dst } = zoneOffsets(st.timezone, new Date(s.clock.now()).getUTCFullYear());
        return {
          status: 200,
          body: {
            id: st.storeHash,
            account_uuid: '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5',
            domain: 'sandbox.example.com',
            secure_url: 'https://sandbox.example.com',
            control_panel_base_url: `https://store-${st.storeHash}.mybigcommerce.com`,
            status: 'live',
            name: st.storeName,
            first_name: 'Sandbox',
            last_name: 'Merchant',
            address: '100 Congress Avenue, Austin, TX 78701',
            country: 'United States',
            country_code: 'US',
            phone: '555-0100',
            admin_email: 'merchant@example.com',
            order_email: 'orders@example.com',
            favicon_url: '',
            timezone: {
              name: st.timezone,
              raw_offset: raw,
              dst_offset: dst,
              dst_correction: raw !== dst,
              date_format: { display: 'M jS Y', export: 'M jS Y', extended_display: 'M jS Y @ g:i A' },
            },
            language: 'en',
            currency: st.currency,
            currency_symbol: '$',
            decimal_separator: '.',
            thousands_separator: ',',
            decimal_places: 2,
            currency_symbol_location: 'left',
            weight_units: 'LBS',
            dimension_units: 'Inches',
            dimension_decimal_places: 2,
            dimension_decimal_token: '.',
            dimension_thousands_token: ',',
            plan_name: 'Standard',
            plan_level: 'Standard',
            plan_is_trial: false,
            industry: 'Retail',
            logo: [],
            is_price_entered_with_tax: st.pricesIncludeTax,
            store_id: st.storeId,
            default_channel_id: 1,
            default_site_id: 1000,
            active_comparison_modules: [],
            features: {
              stencil_enabled: true,
              sitewidehttps_enabled: true,
              facebook_catalog_id: '',
              checkout_type: 'optimized',
              wishlists_enabled: false,
              graphql_storefront_api_enabled: true,
              shopper_consent_tracking_enabled: false,
              multi_storefront_enabled: false,
              storefront_limits: { active: 1, total_including_inactive: 1 },
            },
          },
        };
      },
    },
    {
      method: 'GET',
      path: '/v2/time',
      scopes: [],
      handler: () => ({ status: 200, body: { time: unixSeconds(s.clock.now()) } }),
    },
  ];
}
