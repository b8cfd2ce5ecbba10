/** The web shell: layout, page context and i18n, home and error pages, and the API's error conventions (problem+json). */
package io.kizuna.web;
