import { Module } from '@nestjs/common';
import { CompleteInstructionUseCase } from './complete-instruction.use-case.js';
import { EscalateSupervisionOrderUseCase } from './escalate-supervision-order.use-case.js';
import { GetCaseSupervisionUseCase } from './get-case-supervision.use-case.js';
import { IssueCircularUseCase } from './issue-circular.use-case.js';
import { IssueInstructionUseCase } from './issue-instruction.use-case.js';
import { IssueSupervisionOrderUseCase } from './issue-supervision-order.use-case.js';
import { ListSupervisionOrdersUseCase } from './list-supervision-orders.use-case.js';
import { RecordInterviewUseCase } from './record-interview.use-case.js';
import { SupervisionRecorder } from './record-supervision.js';
import { ReplySupervisionOrderUseCase } from './reply-supervision-order.use-case.js';
import { SupervisionLog } from './supervision-log.js';
import { SupervisionScanner } from './supervision-scanner.js';
import { SupervisionHttpController } from './supervision.http.controller.js';

@Module({
  controllers: [SupervisionHttpController],
  providers: [
    SupervisionScanner,
    SupervisionLog,
    SupervisionRecorder,
    IssueSupervisionOrderUseCase,
    EscalateSupervisionOrderUseCase,
    ReplySupervisionOrderUseCase,
    ListSupervisionOrdersUseCase,
    RecordInterviewUseCase,
    IssueCircularUseCase,
    IssueInstructionUseCase,
    CompleteInstructionUseCase,
    GetCaseSupervisionUseCase,
  ],
  exports: [SupervisionScanner],
})
export class SupervisionModule {}
