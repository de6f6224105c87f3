import { z } from 'zod';

/** `GET /.well-known/jwks.json`: the public keys that verify access tokens. */
export const jwksResponseSchema = z.object({
  keys: z.array(
    z.looseObject({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
      kid: z.string(),
      alg: z.literal('ES256'),
      use: z.literal('sig'),
    }),
  ),
});
export type JwksResponse = z.output<typeof jwksResponseSchema>;

/** `GET /.well-known/openid-configuration`: where verifiers find the issuer's keys. */
export const openIdConfigurationResponseSchema = z.object({
  issuer: z.string(),
  jwks_uri: z.string(),
  subject_types_supported: z.array(z.string()),
  id_token_signing_alg_values_supported: z.array(z.string()),
  claims_supported: z.array(z.string()),
});
export type OpenIdConfigurationResponse = z.output<typeof openIdConfigurationResponseSchema>;
