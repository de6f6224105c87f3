import { BadRequestException } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { z } from 'zod';
import { ZodValidationPipe } from './zod-validation.pipe.js';

const schema = z.strictObject({
  name: z.string().min(1),
  id: z.string().superRefine((v, ctx) => {
    if (v !== 'ok')
      ctx.addIssue({ code: 'custom', message: 'bad id', params: { code: 'INVALID_ID_NUMBER' } });
  }),
});

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

describe('ZodValidationPipe', () => {
  it('passes valid input through, parsed', () => {
    expect(new ZodValidationPipe(schema).transform({ name: 'a', id: 'ok' })).toEqual({
      name: 'a',
      id: 'ok',
    });
  });

  it('leads with the domain code when it is the only fault', () => {
    const error = thrown(() => new ZodValidationPipe(schema).transform({ name: 'a', id: 'x' }));
    expect(error).toBeInstanceOf(BadRequestException);
    expect((error as BadRequestException).getResponse()).toEqual({
      code: 'INVALID_ID_NUMBER',
      message: '身份证号码无效',
      fields: [{ path: 'id', code: 'INVALID_ID_NUMBER', message: 'bad id' }],
    });
  });

  it('reports VALIDATION_FAILED and every field when faults differ', () => {
    const error = thrown(() => new ZodValidationPipe(schema).transform({ name: '', id: 'x' }));
    const body = (error as BadRequestException).getResponse() as {
      code: string;
      fields: { path: string }[];
    };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f) => f.path)).toEqual(['name', 'id']);
  });

  it("answers in Chinese where a message is zod's own, and keeps a schema's own message", () => {
    const error = thrown(() => new ZodValidationPipe(schema).transform({ id: 'x', extra: 1 }));
    const { fields } = (error as BadRequestException).getResponse() as {
      fields: { path: string; message: string }[];
    };
    const byPath = Object.fromEntries(fields.map((f) => [f.path, f.message]));
    expect(byPath.name).toBe('无效输入：期望 string，实际接收 undefined');
    expect(byPath['(body)']).toBe('出现未知的键(key): "extra"');
    expect(byPath.id).toBe('bad id');
  });

  it('raises an RpcException for NATS payloads', () => {
    const error = thrown(() => new ZodValidationPipe(schema, 'rpc').transform('not an object'));
    expect(error).toBeInstanceOf(RpcException);
    expect((error as RpcException).getError()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});
