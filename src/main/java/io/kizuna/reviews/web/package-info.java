/** The reviews API and the review forms of product pages. */
package io.kizuna.reviews.web;
