/**
 * Trust and safety: guidelines, reports and the moderation queue, sanctions, automatic moderation, trust levels,
 * the staff audit log and appeals.
 *
 * <p>Other modules stay independent of it through two small contracts: they ask {@link ContentGate} before they
 * publish a member's words, and they offer their content to reports by implementing {@link ReportableContent}.
 */
package io.kizuna.moderation;
