// Every migration of the library database, from every domain. Id ranges: library 1–99,
// providers 100–199, jobs 200–299. Add an import and an entry; order here does not matter.
import type { Migration } from '../migrate';
import { libraryMigrations } from './library';
import { cjkSearchMigration } from './library-cjk-search';
import { kanaSearchMigration } from './library-kana-search';
import { providersMigration } from '../../providers/registry';
import { modelCatalogMigration } from '../../providers/catalog-cache';
import { jobsMigration } from '../../jobs/store';

export const migrations: Migration[] = [
  ...libraryMigrations,
  cjkSearchMigration,
  kanaSearchMigration,
  providersMigration,
  modelCatalogMigration,
  jobsMigration,
];
