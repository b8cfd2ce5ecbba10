/** Infrastructure every module stands on: the database (embedded or external), API error conventions, idempotency, rate limits, demo seeding. */
package io.kizuna.platform;
