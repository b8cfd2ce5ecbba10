/** Tables, SQL and listeners of the reviews module. */
package io.kizuna.reviews.internal;
