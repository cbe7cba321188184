import { createDataSource, TenantScope } from '@bufor/db';
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { API_CONFIG, type ApiConfig } from '../config/api-config';

@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [API_CONFIG],
      useFactory: async (config: ApiConfig) => {
        const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'bufor-api' });
        return dataSource.initialize();
      },
    },
    { provide: TenantScope, inject: [DataSource], useFactory: (dataSource: DataSource) => new TenantScope(dataSource) },
  ],
  exports: [DataSource, TenantScope],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
