/**
 * The database (embedded or external PostgreSQL) and {@link io.parley.platform.database.GroupCommit}, which
 * batches the commits of many small writers (the webhook store) into one transaction.
 */
@NamedInterface("database")
package io.parley.platform.database;

import org.springframework.modulith.NamedInterface;
