/** Product reviews by members (photos, verified purchases, helpful votes, brand replies, PR labels), rating summaries and review-request mail. */
package io.kizuna.reviews;
