import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ZodResponse } from 'nestjs-zod';
import { AdminOnly } from '../tenancy/access.decorators';
import { Ctx, type RequestContext } from '../tenancy/request-context';
import { AuditService } from './audit.service';
import { AuditEventPageDto, ListAuditEventsDto } from './dto/list-audit-events.dto';

@ApiTags('audit')
@ApiBearerAuth()
@AdminOnly()
@Controller('v1/audit-events')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: 'Who changed what and every use of a credential (newest first).' })
  @ZodResponse({ status: 200, type: AuditEventPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: ListAuditEventsDto): Promise<AuditEventPageDto> {
    return this.audit.list(ctx, query);
  }
}
