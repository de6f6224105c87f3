import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface StoredS3Object {
  body: Buffer;
  contentType: string;
  etag: string;
}

export interface FakeS3Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

const sha256Hex = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data).digest();

/**
 * An in-process S3-compatible server, faithful where our store depends on it: path-style
 * PutObject / GetObject / HeadObject / DeleteObject, AWS Signature V4 checked against the secret
 * (403 SignatureDoesNotMatch otherwise), the signed payload hash and `x-amz-checksum-sha256`
 * checked against the body (400 XAmzContentSHA256Mismatch / BadDigest), S3's XML errors
 * (NoSuchBucket, NoSuchKey), and no aws-chunked uploads (501, as a server without them answers).
 */
export class FakeS3Server {
  readonly objects = new Map<string, StoredS3Object>();
  readonly requests: Array<{ method: string; path: string; status: number }> = [];
  private server?: Server;

  constructor(
    private readonly buckets: string[],
    readonly credentials: FakeS3Credentials = {
      accessKeyId: 'fake-access-key',
      secretAccessKey: 'fake-secret-key-0123456789',
    },
  ) {}

  get endpoint(): string {
    const { port } = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Keys stored in a bucket. */
  keys(bucket: string): string[] {
    return [...this.objects.keys()]
      .filter((k) => k.startsWith(`${bucket}/`))
      .map((k) => k.slice(bucket.length + 1));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch((error: Error) => {
        this.fail(req, res, 500, 'InternalError', error.message);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const [, bucket = '', ...rest] = url.pathname.split('/');
    const key = rest.map(decodeURIComponent).join('/');
    const method = req.method ?? 'GET';

    if (req.headers['content-encoding']?.includes('aws-chunked')) {
      return this.fail(req, res, 501, 'NotImplemented', 'aws-chunked uploads are not supported');
    }
    const auth = this.verifySignature(req, url);
    if (auth)
      return this.fail(req, res, 403, auth, 'The request signature we calculated does not match');
    const declaredHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (/^[0-9a-f]{64}$/.test(declaredHash) && declaredHash !== sha256Hex(body)) {
      return this.fail(req, res, 400, 'XAmzContentSHA256Mismatch', 'content hash mismatch');
    }
    if (!this.buckets.includes(decodeURIComponent(bucket))) {
      return this.fail(req, res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    }
    const id = `${decodeURIComponent(bucket)}/${key}`;
    switch (method) {
      case 'PUT': {
        const checksum = req.headers['x-amz-checksum-sha256'];
        if (checksum && checksum !== createHash('sha256').update(body).digest('base64')) {
          return this.fail(req, res, 400, 'BadDigest', 'The SHA256 you specified did not match');
        }
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        this.objects.set(id, {
          body,
          contentType: String(req.headers['content-type'] ?? 'binary/octet-stream'),
          etag,
        });
        return this.send(req, res, 200, { etag }, '');
      }
      case 'GET':
      case 'HEAD': {
        const object = this.objects.get(id);
        if (!object)
          return this.fail(req, res, 404, 'NoSuchKey', 'The specified key does not exist.');
        return this.send(
          req,
          res,
          200,
          {
            'content-type': object.contentType,
            'content-length': String(object.body.length),
            etag: object.etag,
            'last-modified': new Date().toUTCString(),
          },
          method === 'GET' ? object.body : undefined,
        );
      }
      case 'DELETE':
        this.objects.delete(id);
        return this.send(req, res, 204, {}, '');
      default:
        return this.fail(req, res, 405, 'MethodNotAllowed', `${method} is not supported`);
    }
  }

  /** Returns the S3 error code when the request is not signed with our credentials. */
  private verifySignature(req: IncomingMessage, url: URL): string | undefined {
    const header = String(req.headers.authorization ?? '');
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, ?SignedHeaders=([^,]+), ?Signature=([0-9a-f]{64})$/.exec(
        header,
      );
    if (!match) return 'AccessDenied';
    const [, accessKeyId, date, region, signedHeaders, signature] = match;
    if (accessKeyId !== this.credentials.accessKeyId) return 'InvalidAccessKeyId';
    const amzDate = String(req.headers['x-amz-date'] ?? '');
    const canonicalHeaders = signedHeaders
      .split(';')
      .map(
        (name) =>
          `${name}:${String(req.headers[name] ?? '')
            .trim()
            .replace(/\s+/g, ' ')}\n`,
      )
      .join('');
    const canonicalQuery = [...url.searchParams.entries()]
      .map(([k, v]) => [rfc3986(k), rfc3986(v)])
      .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalRequest = [
      req.method,
      (req.url ?? '/').split('?')[0],
      canonicalQuery,
      canonicalHeaders,
      signedHeaders,
      String(req.headers['x-amz-content-sha256'] ?? 'UNSIGNED-PAYLOAD'),
    ].join('\n');
    const scope = `${date}/${region}/s3/aws4_request`;
    const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join(
      '\n',
    );
    let key = hmac(`AWS4${this.credentials.secretAccessKey}`, date);
    for (const part of [region, 's3', 'aws4_request']) key = hmac(key, part);
    const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given)
      ? undefined
      : 'SignatureDoesNotMatch';
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string>,
    body: Buffer | string | undefined,
  ): void {
    this.requests.push({ method: req.method ?? '', path: req.url ?? '', status });
    res.writeHead(status, { 'x-amz-request-id': randomUUID(), ...headers });
    res.end(body);
  }

  private fail(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    code: string,
    message: string,
  ): void {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
    this.send(
      req,
      res,
      status,
      { 'content-type': 'application/xml' },
      req.method === 'HEAD' ? undefined : xml,
    );
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
