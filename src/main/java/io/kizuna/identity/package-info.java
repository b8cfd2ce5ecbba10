/** Accounts, sign-in (sessions for pages, bearer tokens for the API), roles, profiles, email verification, password reset, personal-data export and erasure. */
package io.kizuna.identity;
