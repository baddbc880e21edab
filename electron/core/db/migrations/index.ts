// Every migration of the library database, one file each, named <id>-<domain>-<what>.ts. A migration
// is self-contained (SQL and any small function it needs copied in, never imported), so it means the
// same thing forever; each domain owns its tables. Add a file and an entry here; order does not matter.
//
// Id ranges as they really are: library 1–99; providers 100–199 and 200 (the model catalogue took the
// first id meant for jobs before the ranges were written down); jobs 201–299. Gaps are expected.
import type { Migration } from '../migrate';
import { libraryImagesMigration } from './001-library-images';
import { librarySearchMigration } from './002-library-search';
import { libraryCjkSearchMigration } from './003-library-cjk-search';
import { libraryKanaSearchMigration } from './004-library-kana-search';
import { librarySeedTextMigration } from './005-library-seed-text';
import { libraryCostOrderMigration } from './006-library-cost-order';
import { libraryFacetCountsMigration } from './007-library-facet-counts';
import { libraryPromptHistoryMigration } from './008-library-prompt-history';
import { providersMigration } from './100-providers';
import { providersRequestTimeoutMigration } from './101-providers-request-timeout';
import { modelCatalogMigration } from './200-providers-model-catalog';
import { jobsMigration } from './201-jobs';
import { jobsLeasesMigration } from './202-jobs-leases';
import { jobsInterruptedMigration } from './203-jobs-interrupted';

export const migrations: readonly Migration[] = [
  libraryImagesMigration,
  librarySearchMigration,
  libraryCjkSearchMigration,
  libraryKanaSearchMigration,
  librarySeedTextMigration,
  libraryCostOrderMigration,
  libraryFacetCountsMigration,
  libraryPromptHistoryMigration,
  providersMigration,
  providersRequestTimeoutMigration,
  modelCatalogMigration,
  jobsMigration,
  jobsLeasesMigration,
  jobsInterruptedMigration,
];
