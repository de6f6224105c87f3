import { Module } from '@nestjs/common';
import {
  LEADER_MESSAGE_CONFIG,
  type LeaderMessageConfig,
} from '../config/leader-message.settings.js';
import { BoardConnector } from './board-connector.js';
import { HttpBoardConnector } from './http-board.connector.js';

@Module({
  providers: [
    {
      provide: BoardConnector,
      inject: [LEADER_MESSAGE_CONFIG],
      useFactory: (config: LeaderMessageConfig): BoardConnector =>
        new HttpBoardConnector({
          baseUrl: config.BOARD_BASE_URL,
          token: config.BOARD_API_TOKEN,
          timeoutMs: config.BOARD_TIMEOUT_MS,
        }),
    },
  ],
  exports: [BoardConnector],
})
export class ConnectorModule {}
