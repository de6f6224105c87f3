import { exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import type { VideoReceptionConfig } from '../config/video-reception.settings.js';
import { JitsiVideoProvider } from './jitsi-video.provider.js';

const validity = {
  validFrom: new Date('2027-03-02T08:45:00+08:00'),
  validUntil: new Date('2027-03-02T10:00:00+08:00'),
};
const participant = {
  id: 'official:leader-1',
  displayName: '陈志刚（副市长）',
  moderator: true,
  divisionCode: '510100',
};

function configWith(key: VideoReceptionConfig['jitsi']['key']): VideoReceptionConfig {
  return {
    JITSI_BASE_URL: 'https://meet.example.gov.cn',
    JITSI_APP_ID: 'minsheng',
    JITSI_AUDIENCE: 'jitsi',
    jitsi: { subject: 'meet.example.gov.cn', key },
  } as VideoReceptionConfig;
}

describe('Jitsi video provider', () => {
  it('names each session’s room uniquely, after its booking code', async () => {
    const provider = new JitsiVideoProvider(
      configWith({ alg: 'HS256', secret: Buffer.alloc(32, 1) }),
    );
    const a = await provider.provisionRoom({ bookingCode: 'V0123456789A' });
    const b = await provider.provisionRoom({ bookingCode: 'V0123456789A' });
    expect(a.room).toMatch(/^ms-v0123456789a-[0-9a-f]{12}$/);
    expect(a.room).not.toBe(b.room);
  });

  it('signs RS256 join links with the key id Jitsi looks the public key up by', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const provider = new JitsiVideoProvider(
      configWith({ alg: 'RS256', pem: await exportPKCS8(privateKey), kid: 'minsheng/2027' }),
    );
    const url = new URL(await provider.joinLink({ room: 'ms-room' }, participant, validity));
    expect(url.pathname).toBe('/ms-room');
    const verifier = await importSPKI(await exportSPKI(publicKey), 'RS256');
    const { payload, protectedHeader } = await jwtVerify(url.searchParams.get('jwt')!, verifier, {
      issuer: 'minsheng',
      audience: 'jitsi',
      currentDate: new Date('2027-03-02T09:00:00+08:00'),
    });
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: 'minsheng/2027' });
    expect(payload).toMatchObject({
      sub: 'meet.example.gov.cn',
      room: 'ms-room',
      context: {
        user: {
          id: 'official:leader-1',
          name: '陈志刚（副市长）',
          moderator: true,
          affiliation: 'owner',
        },
        group: '510100',
      },
    });
  });

  it('makes links another secret cannot vouch for', async () => {
    const provider = new JitsiVideoProvider(
      configWith({ alg: 'HS256', secret: Buffer.alloc(32, 1) }),
    );
    const url = new URL(await provider.joinLink({ room: 'ms-room' }, participant, validity));
    await expect(
      jwtVerify(url.searchParams.get('jwt')!, Buffer.alloc(32, 2), {
        currentDate: new Date('2027-03-02T09:00:00+08:00'),
      }),
    ).rejects.toThrow(/signature/);
  });
});
