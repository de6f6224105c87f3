import { Controller, Get, Module, NotFoundException } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ApiExceptionFilter } from './api-exception.filter.js';

@Controller('cases')
class CasesController {
  @Get('missing')
  missing(): never {
    throw new NotFoundException({ code: 'NOT_FOUND', message: '信访事项不存在' });
  }

  @Get('bare')
  bare(): never {
    throw new NotFoundException();
  }
}

@Module({ controllers: [CasesController] })
class TestModule {}

describe('ApiExceptionFilter', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new ApiExceptionFilter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const get = (url: string) => app.getHttpAdapter().getInstance().inject({ method: 'GET', url });

  it('answers an unknown route in Chinese, without echoing the URL back', async () => {
    const response = await get('/nowhere?phone=13800138000');
    expect(response.statusCode).toBe(404);
    const body = response.json();
    expect(body).toEqual({
      code: 'NOT_FOUND',
      message: '请求的接口或资源不存在',
      requestId: expect.any(String),
    });
    expect(response.body).not.toContain('13800138000');
  });

  it("keeps a handler's own code and message", async () => {
    const response = await get('/cases/missing');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: '信访事项不存在' });
  });

  it('gives a bare framework exception the Chinese message of its status', async () => {
    const response = await get('/cases/bare');
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', message: '请求的接口或资源不存在' });
  });
});
