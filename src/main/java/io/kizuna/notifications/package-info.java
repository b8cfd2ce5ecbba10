/**
 * Notifications: members follow threads (automatically when they post) and spaces; replies, new threads,
 * @mentions and accepted answers become in-app notifications with a live unread count, and mail by each member's
 * settings (at once, in a daily digest, or never) with one-click unsubscribe.
 */
package io.kizuna.notifications;
