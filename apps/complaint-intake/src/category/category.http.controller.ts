import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  complaintCategoriesResponseSchema,
  type ComplaintCategoriesResponse,
} from '@minsheng/contracts';
import { Public } from '@minsheng/auth';
import { openApiSchema } from '@minsheng/runtime';
import { ListCategoriesUseCase } from './list-categories.use-case.js';

@ApiTags('categories')
@Public()
@Controller('api/v1/categories')
export class CategoryHttpController {
  constructor(private readonly listCategories: ListCategoriesUseCase) {}

  @Get()
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({ summary: '投诉类别 (the complaint categories to choose from)' })
  @ApiResponse({ status: 200, schema: openApiSchema(complaintCategoriesResponseSchema) })
  list(): Promise<ComplaintCategoriesResponse> {
    return this.listCategories.execute();
  }
}
