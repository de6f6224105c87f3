import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  jwksResponseSchema,
  openIdConfigurationResponseSchema,
  type JwksResponse,
  type OpenIdConfigurationResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { GetJwksUseCase } from './get-jwks.use-case.js';
import { GetOpenIdConfigurationUseCase } from './get-openid-configuration.use-case.js';

/** Public key discovery, so every service (and outside verifiers) can check this issuer's tokens. */
@ApiTags('discovery')
@Public()
@Controller('.well-known')
export class DiscoveryHttpController {
  constructor(
    private readonly getJwks: GetJwksUseCase,
    private readonly getConfiguration: GetOpenIdConfigurationUseCase,
  ) {}

  @Get('jwks.json')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: '令牌验签公钥 (JSON Web Key Set)' })
  @ApiResponse({ status: 200, schema: openApiSchema(jwksResponseSchema) })
  jwks(): JwksResponse {
    return this.getJwks.execute();
  }

  @Get('openid-configuration')
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: 'OpenID Connect 发现文档 (discovery metadata)' })
  @ApiResponse({ status: 200, schema: openApiSchema(openIdConfigurationResponseSchema) })
  configuration(): OpenIdConfigurationResponse {
    return this.getConfiguration.execute();
  }
}
