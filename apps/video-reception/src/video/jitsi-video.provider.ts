import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { SignJWT, importPKCS8, type CryptoKey } from 'jose';
import {
  VIDEO_RECEPTION_CONFIG,
  type VideoReceptionConfig,
} from '../config/video-reception.settings.js';
import { VideoProvider, type VideoParticipant, type VideoRoom } from './video-provider.js';

/**
 * Jitsi Meet with token authentication (prosody `token` auth): a room per session and a JWT per
 * participant — `iss` the app id, `aud`, `sub` the domain, `room`, `nbf`/`exp` around the slot
 * and `context.user` — signed HS256 with the app secret or RS256 with a key whose public half
 * Jitsi finds by `kid`. The link is `<base>/<room>?jwt=<token>`.
 */
@Injectable()
export class JitsiVideoProvider extends VideoProvider {
  readonly name = 'jitsi';
  private rsaKey?: Promise<CryptoKey>;

  constructor(@Inject(VIDEO_RECEPTION_CONFIG) private readonly config: VideoReceptionConfig) {
    super();
  }

  async provisionRoom(session: { bookingCode: string }): Promise<VideoRoom> {
    // Jitsi creates rooms on first join; the name only has to be unique and not guessable.
    return { room: `ms-${session.bookingCode.toLowerCase()}-${randomBytes(6).toString('hex')}` };
  }

  async joinLink(
    room: VideoRoom,
    participant: VideoParticipant,
    validity: { validFrom: Date; validUntil: Date },
  ): Promise<string> {
    const { jitsi } = this.config;
    const jwt = new SignJWT({
      room: room.room,
      context: {
        user: {
          id: participant.id,
          name: participant.displayName,
          moderator: participant.moderator,
          affiliation: participant.moderator ? 'owner' : 'member',
        },
        group: participant.divisionCode,
      },
    })
      .setIssuer(this.config.JITSI_APP_ID)
      .setAudience(this.config.JITSI_AUDIENCE)
      .setSubject(jitsi.subject)
      .setIssuedAt()
      .setNotBefore(Math.floor(validity.validFrom.getTime() / 1000))
      .setExpirationTime(Math.floor(validity.validUntil.getTime() / 1000));
    const token =
      jitsi.key.alg === 'HS256'
        ? await jwt.setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(jitsi.key.secret)
        : await jwt
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: jitsi.key.kid })
            .sign(await this.privateKey(jitsi.key.pem));
    return `${this.config.JITSI_BASE_URL}/${encodeURIComponent(room.room)}?jwt=${token}`;
  }

  private privateKey(pem: string): Promise<CryptoKey> {
    this.rsaKey ??= importPKCS8(pem, 'RS256');
    return this.rsaKey;
  }
}
