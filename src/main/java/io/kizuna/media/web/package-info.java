/** The upload API and the public media URLs. */
package io.kizuna.media.web;
