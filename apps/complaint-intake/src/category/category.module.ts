import { Module } from '@nestjs/common';
import { CategoryCatalog } from './category-catalog.js';
import { CategoryHttpController } from './category.http.controller.js';
import { ListCategoriesUseCase } from './list-categories.use-case.js';

@Module({
  controllers: [CategoryHttpController],
  providers: [CategoryCatalog, ListCategoriesUseCase],
  exports: [CategoryCatalog],
})
export class CategoryModule {}
