import { Module } from '@nestjs/common';
import { JitsiVideoProvider } from './jitsi-video.provider.js';
import { VideoProvider } from './video-provider.js';

/** The video provider adapter (VIDEO_PROVIDER; Jitsi-compatible JWT links by default). */
@Module({
  providers: [{ provide: VideoProvider, useClass: JitsiVideoProvider }],
  exports: [VideoProvider],
})
export class VideoModule {}
